/**
 * An in-memory stand-in for the calls the policy code makes (sign-in, the group listing, policy
 * management), answering through a client's transport so that the whole send stack runs in a unit
 * test. Every exchange is recorded; faults are queued per call. The emulator is the strict stand-in
 * (the *.http tests); this one exists to count calls and to lose answers on purpose.
 */
import { EsetConnectClient } from "../../provider/client";
import type { ApiRequest, ApiResponse, Send } from "../../provider/client/http";
import { TransportFailure } from "../../provider/client/http";
import type { RateLimiter } from "../../provider/client/limiter";
import { FakeClock } from "./fake-clock";

export const ALL = "00000000-0000-0000-7001-000000000001";

export interface FakeGroup {
  uuid: string;
  displayName: string;
  parentGroupUuid?: string;
  linkedEntityType?: string;
}

export interface FakeAssignment {
  uuid: string;
  policyUuid: string;
  target: { deviceGroupUuid: string };
  rank: number;
}

/** What to do to the next matching call: an error status before the work, or a lost answer after it. */
export type Fault = { status: number } | "500-after" | "drop-after" | "drop-before";

const UNLIMITED: RateLimiter = { acquire: async () => ({ waitedMs: 0, release: () => undefined }) };

/** A uuid of the shape ESET uses, from a counter (`p(1)` → `00000000-0000-4000-8000-000000000001`). */
export const uuidOf = (n: number, prefix = "0"): string =>
  `${prefix.repeat(8)}-0000-4000-8000-${String(n).padStart(12, "0")}`;

export class FakePolicyServer {
  groups: FakeGroup[] = [{ uuid: ALL, displayName: "All" }];
  policies: { uuid: string; displayName: string; builtIn?: boolean }[] = [];
  assignments: FakeAssignment[] = [];
  /** "refuse": a second assignment of one policy to one group is a user error. */
  duplicates: "refuse" | "allow" = "refuse";
  /** ESET's two user-error styles. */
  userErrorStatus: 400 | 403 = 400;
  /** Every exchange, as `METHOD path` (token requests included). */
  readonly log: string[] = [];
  private readonly faults: { match: RegExp; fault: Fault }[] = [];
  private next = 1;

  /** Queues a fault for the next call whose `METHOD path` matches. */
  fail(match: RegExp, fault: Fault): void {
    this.faults.push({ match, fault });
  }

  /** Writes made (everything but GETs and the sign-in). */
  writes(): string[] {
    return this.log.filter((l) => !l.startsWith("GET ") && !l.includes("/oauth/token"));
  }

  groupOrder(groupUuid: string): string[] {
    return this.ofGroup(groupUuid).map((a) => a.policyUuid);
  }

  /** Assigns as a person in the console does (no call recorded). */
  assignByHand(policyUuid: string, groupUuid: string): FakeAssignment {
    const made = {
      uuid: uuidOf(this.next++, "a"),
      policyUuid,
      target: { deviceGroupUuid: groupUuid },
      rank: this.ofGroup(groupUuid).length + 1,
    };
    this.assignments.push(made);
    return made;
  }

  rankByHand(uuid: string, rank: number): void {
    const moved = this.assignments.find((a) => a.uuid === uuid) as FakeAssignment;
    const rest = this.ofGroup(moved.target.deviceGroupUuid).filter((a) => a !== moved);
    rest.splice(rank - 1, 0, moved);
    rest.forEach((a, i) => (a.rank = i + 1));
  }

  unassignByHand(uuid: string): void {
    const gone = this.assignments.find((a) => a.uuid === uuid) as FakeAssignment;
    this.assignments = this.assignments.filter((a) => a !== gone);
    this.ofGroup(gone.target.deviceGroupUuid).forEach((a, i) => (a.rank = i + 1));
  }

  ofGroup(groupUuid: string): FakeAssignment[] {
    return this.assignments
      .filter((a) => a.target.deviceGroupUuid === groupUuid)
      .sort((a, b) => a.rank - b.rank);
  }

  /** A client whose transport is this server, on a fake clock, with no rate limit. */
  client(): EsetConnectClient {
    const clock = new FakeClock();
    return new EsetConnectClient(
      { endpoint: "http://fake.invalid", username: "u@example.com", password: "secret-password" },
      {
        now: clock.now,
        sleep: clock.sleep,
        limiter: UNLIMITED,
        notice: () => undefined,
        log: () => undefined,
        wrapTransport: () => this.send,
      },
    );
  }

  readonly send: Send = async (request: ApiRequest): Promise<ApiResponse> => {
    const line = `${request.method} ${request.path}`;
    this.log.push(line);
    const index = this.faults.findIndex((f) => f.match.test(line));
    const fault = index === -1 ? undefined : this.faults.splice(index, 1)[0].fault;
    if (fault === "drop-before") throw new TransportFailure("ECONNRESET", "socket hang up", "unknown", line);
    if (fault && typeof fault === "object") return this.answer(fault.status, { code: 3, message: "refused" });
    const response = this.handle(request);
    if (fault === "500-after") return this.answer(500, { code: 13, message: "internal" });
    if (fault === "drop-after") throw new TransportFailure("ECONNRESET", "socket hang up", "unknown", line);
    return response;
  };

  private answer(status: number, body: unknown): ApiResponse {
    return {
      status,
      headers: { "request-id": `r-${this.log.length}` },
      body,
      requestId: `r-${this.log.length}`,
    };
  }

  private userError(message: string): ApiResponse {
    return this.answer(this.userErrorStatus, { code: this.userErrorStatus === 400 ? 3 : 7, message });
  }

  private handle(request: ApiRequest): ApiResponse {
    const { method, path } = request;
    const query = request.query ?? {};
    if (path === "/oauth/token") {
      return this.answer(200, {
        access_token: "t",
        refresh_token: "r",
        token_type: "Bearer",
        expires_in: 3600,
      });
    }
    if (method === "GET" && path === "/v1/device_groups") {
      return this.answer(200, { deviceGroups: this.groups.map((g) => ({ ...g, isSecurityGroup: true })) });
    }
    if (method === "GET" && path === "/v2/policies") return this.answer(200, { policies: this.policies });
    if (method === "GET" && path === "/v2/policy-assignments") {
      const group = query["target.deviceGroupUuid"];
      const list = this.assignments
        .filter((a) => !group || a.target.deviceGroupUuid === group)
        .filter((a) => !query.policyUuid || a.policyUuid === query.policyUuid);
      return this.answer(200, { assignments: list });
    }
    if (method === "POST" && path === "/v2/policy-assignments") {
      const body = (
        request.json as { assignment: { policyUuid: string; target: { deviceGroupUuid: string } } }
      ).assignment;
      const groupUuid = body.target.deviceGroupUuid;
      if (!this.groups.some((g) => g.uuid === groupUuid)) return this.userError("no such group");
      if (!this.policies.some((p) => p.uuid === body.policyUuid)) return this.userError("no such policy");
      if (
        this.duplicates === "refuse" &&
        this.ofGroup(groupUuid).some((a) => a.policyUuid === body.policyUuid)
      ) {
        return this.userError("already assigned");
      }
      return this.answer(200, { assignment: this.assignByHand(body.policyUuid, groupUuid) });
    }
    const one = /^\/v2\/policy-assignments\/([^/:]+)(:updateRanking)?$/.exec(path);
    if (one) {
      const found = this.assignments.find((a) => a.uuid === one[1]);
      if (!found)
        return this.answer(this.userErrorStatus === 403 ? 403 : 404, { code: 5, message: "not found" });
      if (method === "DELETE") {
        this.unassignByHand(found.uuid);
        return this.answer(200, {});
      }
      const rank = (request.json as { rank: number }).rank;
      if (rank === 0) return this.userError("rank 0");
      if (rank > this.ofGroup(found.target.deviceGroupUuid).length)
        return this.answer(412, { code: 9, message: "rank" });
      this.rankByHand(found.uuid, rank);
      return this.answer(200, {});
    }
    return this.answer(404, { code: 5, message: `no route ${method} ${path}` });
  }
}
