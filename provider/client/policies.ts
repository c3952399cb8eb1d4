/**
 * The policy-management calls (ESET's `policy-management.json`, v2), through the client's one send
 * stack: the same token, rate limiter (ESET's 10 calls per second are shared by every service),
 * pending handling and retry loop as the group calls. EsetConnectClient exposes them by name.
 *
 * Assigning is not idempotent (a resend may make a second assignment, or be refused as a
 * duplicate): after an attempt whose outcome is unknown, the group's assignments are read again
 * before anything is resent, as a group create looks for its group (create-lost-answer.ts). An
 * unassign or a rank that ESET refuses is judged the same way, on a fresh read of the group's
 * assignments: the status alone never decides "already gone" or "already there".
 *
 * One tenant-wide listing of the assignments (pageSize 1000) serves many reads, the TreeSnapshot
 * way (listing-snapshot.ts), and this client's writes keep it current; so does a fresh listing of
 * one group's assignments.
 */
import { applyAssignmentWrite, AssignmentWrite, groupAssignments } from "./assignments";
import { OperationInfo, OperationName } from "./errors";
import { errorFromResponse } from "./failures";
import type { TreeFreshness } from "./freshness";
import { ApiRequest, ApiResponse, Send } from "./http";
import { requireText } from "./inputs";
import { ListingSnapshot } from "./listing-snapshot";
import { ClientMetrics } from "./observe";
import {
  assignmentPage,
  assignmentResponse,
  Policy,
  PolicyAssignment,
  policyPage,
  policyResponse,
  toAssignment,
  toPolicy,
} from "./policy-schemas";
import { RetryOptions, sendWithRetries } from "./retry";
import { parseResponse } from "./schemas";
import { isUserErrorStatus } from "./user-errors";

/** Which assignments a listing returns (ESET's query filters); none: every assignment of the tenant. */
export interface PolicyAssignmentFilter {
  policyUuid?: string;
  deviceGroupUuid?: string;
  deviceUuid?: string;
  subscriptionUuid?: string;
}

/** An assignment as the unassign and rank calls need it: its uuid and the group it targets. */
export type AssignmentRef = Pick<PolicyAssignment, "uuid" | "target">;

export interface PolicyCallsDeps {
  /** The client's send stack (token, limiter, pending), without retries. */
  send: Send;
  /** Sends a call safe to repeat through the one retry loop; throws the fitting error for a non-2xx answer. */
  call: (request: ApiRequest, operation: OperationInfo) => Promise<ApiResponse>;
  /** Every page of a policy-management listing (pageSize 1000), as the client pages its other listings. */
  pages: (
    operation: OperationInfo,
    path: string,
    query: Record<string, string>,
    take: (response: ApiResponse) => string | undefined,
  ) => Promise<void>;
  retryOptions: () => RetryOptions;
  secrets: () => string[];
  metrics: ClientMetrics;
  now: () => number;
  /** `group "Berlin" (uuid)` from a tree already held, else `group uuid`: no call. */
  describeGroup: (uuid: string) => string;
}

/** ESET's status for a rank above the target's number of assignments. */
const RANK_PRECONDITION_FAILED = 412;

const segment = (uuid: string) => encodeURIComponent(uuid);

export class PolicyCalls {
  readonly #deps: PolicyCallsDeps;
  readonly #assignments: ListingSnapshot<PolicyAssignment[], AssignmentWrite>;
  readonly #policies: ListingSnapshot<Policy[], never>;

  constructor(deps: PolicyCallsDeps) {
    this.#deps = deps;
    const { metrics, now } = deps;
    this.#assignments = new ListingSnapshot({
      list: () => this.listPolicyAssignments(),
      apply: applyAssignmentWrite,
      now,
      onListing: () => metrics.assignmentListings++,
      onServed: () => metrics.assignmentReadsFromSnapshot++,
    });
    this.#policies = new ListingSnapshot<Policy[], never>({
      list: () => this.listPolicies(),
      apply: (view) => view,
      now,
    });
  }

  #describePolicy(uuid: string): string {
    const name = this.#policies.peek()?.find((p) => p.uuid === uuid)?.displayName;
    return name ? `policy "${name}" (${uuid})` : `policy ${uuid}`;
  }

  #describeTarget(assignment: AssignmentRef): string {
    const { deviceGroupUuid, deviceUuid, subscriptionUuid } = assignment.target;
    if (deviceGroupUuid) return this.#deps.describeGroup(deviceGroupUuid);
    if (deviceUuid) return `device ${deviceUuid}`;
    return subscriptionUuid ? `subscription ${subscriptionUuid}` : "its target";
  }

  #operation(name: OperationName, description: string, groupUuid?: string): OperationInfo {
    return groupUuid ? { name, description, groupUuid } : { name, description };
  }

  /** Every policy of the tenant, built-in and custom (all pages, 1000 per page). */
  async listPolicies(): Promise<Policy[]> {
    const operation = this.#operation("listPolicies", "listing policies");
    const out: Policy[] = [];
    await this.#deps.pages(operation, "/v2/policies", {}, (body) => {
      const page = parseResponse(policyPage, body, operation);
      out.push(...page.policies.map(toPolicy));
      return page.nextPageToken;
    });
    return out;
  }

  /** One policy by uuid; an unknown uuid is an ApiError (404, or 403 where ESET answers every user error so). */
  async getPolicy(uuid: string): Promise<Policy> {
    requireText("getPolicy", "uuid", uuid);
    const operation = this.#operation("getPolicy", `reading ${this.#describePolicy(uuid)}`);
    const response = await this.#deps.call(
      { service: "policyManagement", method: "GET", path: `/v2/policies/${segment(uuid)}` },
      operation,
    );
    return toPolicy(parseResponse(policyResponse, response, operation).policy);
  }

  /** The tenant's policies from one listing shared for `maxAgeMs` (default 0: a listing started now). */
  readPolicies(freshness: TreeFreshness = {}): Promise<Policy[]> {
    return this.#policies.read(freshness);
  }

  /** Assignments matching `filter` (all pages, 1000 per page), as ESET lists them. */
  async listPolicyAssignments(filter: PolicyAssignmentFilter = {}): Promise<PolicyAssignment[]> {
    const query: Record<string, string> = {};
    if (filter.policyUuid) query.policyUuid = filter.policyUuid;
    for (const key of ["deviceGroupUuid", "deviceUuid", "subscriptionUuid"] as const) {
      const value = filter[key];
      if (value) query[`target.${key}`] = value;
    }
    const scope = filter.deviceGroupUuid ? ` of ${this.#deps.describeGroup(filter.deviceGroupUuid)}` : "";
    const operation = this.#operation(
      "listPolicyAssignments",
      `listing the policy assignments${scope}`,
      filter.deviceGroupUuid,
    );
    const out: PolicyAssignment[] = [];
    await this.#deps.pages(operation, "/v2/policy-assignments", query, (body) => {
      const page = parseResponse(assignmentPage, body, operation);
      out.push(...page.assignments.map(toAssignment));
      return page.nextPageToken;
    });
    return out;
  }

  /**
   * Every assignment of the tenant from one listing, shared by every read for `maxAgeMs` (default
   * 0) or, with `idleGapMs`, by a refresh's reads; this client's writes are already applied to it.
   */
  readAssignments(freshness: TreeFreshness = {}): Promise<PolicyAssignment[]> {
    return this.#assignments.read(freshness);
  }

  /** A group's assignments now (one filtered listing), highest priority first; the snapshot takes them too. */
  async readGroupAssignments(groupUuid: string): Promise<PolicyAssignment[]> {
    requireText("listPolicyAssignments", "deviceGroupUuid", groupUuid);
    const listed = await this.listPolicyAssignments({ deviceGroupUuid: groupUuid });
    const ordered = groupAssignments(listed, groupUuid);
    this.#assignments.record({ kind: "group", groupUuid, assignments: ordered });
    return ordered;
  }

  /**
   * Assigns a policy to a group; ESET puts it at the end (the lowest priority). At most one new
   * assignment however many answers are lost: after an unknown outcome, the group's assignments are
   * read again and an assignment of this policy that was not there before ends the call.
   */
  async assignPolicy(policyUuid: string, target: { deviceGroupUuid: string }): Promise<PolicyAssignment> {
    requireText("assignPolicy", "policyUuid", policyUuid);
    const groupUuid = requireText("assignPolicy", "deviceGroupUuid", target?.deviceGroupUuid);
    const operation = this.#operation(
      "assignPolicy",
      `assigning ${this.#describePolicy(policyUuid)} to ${this.#deps.describeGroup(groupUuid)}`,
      groupUuid,
    );
    const knownBefore = new Set(
      groupAssignments(this.#assignments.peek() ?? [], groupUuid)
        .filter((a) => a.policyUuid === policyUuid)
        .map((a) => a.uuid),
    );
    const request: ApiRequest = {
      service: "policyManagement",
      method: "POST",
      path: "/v2/policy-assignments",
      json: { assignment: { policyUuid, target: { deviceGroupUuid: groupUuid } } },
    };
    const result = await sendWithRetries(this.#deps.send, request, operation, this.#deps.retryOptions(), {
      look: async () => {
        this.#deps.metrics.assignChecks++;
        const now = await this.readGroupAssignments(groupUuid);
        return now.find((a) => a.policyUuid === policyUuid && !knownBefore.has(a.uuid));
      },
      nothingFoundNote:
        "a fresh listing of the group's assignments shows no new one, so nothing was assigned",
    });
    if ("found" in result) return result.found;
    const { response, retries, note } = result;
    if (response.status < 200 || response.status >= 300) {
      throw errorFromResponse(response, operation, retries, this.#deps.secrets(), note);
    }
    const assignment = toAssignment(parseResponse(assignmentResponse, response, operation).assignment);
    this.#assignments.record({ kind: "assign", assignment });
    return assignment;
  }

  /**
   * Removes an assignment; ESET renumbers the target's others. `"not-found"` when a fresh listing of
   * the group shows it gone (unassigned by hand, by an earlier attempt whose answer was lost, or
   * with its group), whatever status ESET refused it with.
   */
  async unassignPolicy(assignment: AssignmentRef): Promise<"unassigned" | "not-found"> {
    const uuid = requireText("unassignPolicy", "uuid", assignment?.uuid);
    const groupUuid = assignment.target?.deviceGroupUuid;
    const operation = this.#operation(
      "unassignPolicy",
      `unassigning policy assignment ${uuid} from ${this.#describeTarget(assignment)}`,
      groupUuid,
    );
    const request: ApiRequest = {
      service: "policyManagement",
      method: "DELETE",
      path: `/v2/policy-assignments/${segment(uuid)}`,
    };
    const { response, retries } = await sendWithRetries(
      this.#deps.send,
      request,
      operation,
      this.#deps.retryOptions(),
    );
    if (response.status >= 200 && response.status < 300) {
      this.#assignments.record({ kind: "unassign", uuid });
      return "unassigned";
    }
    if (groupUuid && isUserErrorStatus(response.status)) {
      const now = await this.readGroupAssignments(groupUuid);
      if (!now.some((a) => a.uuid === uuid)) return "not-found";
    }
    throw errorFromResponse(response, operation, retries, this.#deps.secrets());
  }

  /**
   * Puts an assignment at `rank` among its target's (1 = highest priority); ESET reorders the
   * others. Setting the same rank twice gives the same order, so a lost answer is simply resent.
   * A refusal is judged on a fresh listing of the group: already at that rank counts as done.
   */
  async rankPolicyAssignment(assignment: AssignmentRef, rank: number): Promise<void> {
    const uuid = requireText("rankPolicyAssignment", "uuid", assignment?.uuid);
    if (!Number.isInteger(rank) || rank < 1) {
      throw new Error(
        `rankPolicyAssignment: rank must be a whole number from 1 (the highest priority), not ${rank}`,
      );
    }
    const groupUuid = assignment.target?.deviceGroupUuid;
    const operation = this.#operation(
      "rankPolicyAssignment",
      `ranking policy assignment ${uuid} of ${this.#describeTarget(assignment)} at ${rank}`,
      groupUuid,
    );
    const request: ApiRequest = {
      service: "policyManagement",
      method: "POST",
      path: `/v2/policy-assignments/${segment(uuid)}:updateRanking`,
      json: { rank },
    };
    const { response, retries } = await sendWithRetries(
      this.#deps.send,
      request,
      operation,
      this.#deps.retryOptions(),
    );
    if (response.status >= 200 && response.status < 300) {
      this.#assignments.record({ kind: "rank", uuid, rank });
      return;
    }
    const refused = isUserErrorStatus(response.status) || response.status === RANK_PRECONDITION_FAILED;
    if (groupUuid && refused) {
      const now = await this.readGroupAssignments(groupUuid);
      if (now.find((a) => a.uuid === uuid)?.rank === rank) return;
    }
    throw errorFromResponse(response, operation, retries, this.#deps.secrets());
  }
}
