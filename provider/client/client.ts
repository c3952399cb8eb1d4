/**
 * The ESET Connect client: the operations resources call. Each exchange goes through
 * pending handling → auth → rate limiter → observation → the HTTP send; each operation adds the
 * retry rule that fits it (the one retry loop, with a look before resending for creates).
 */
import { ClientConfig, ClientConfigInput, parseClientConfig } from "./config";
import { OperationInfo, OperationName } from "./errors";
import { createGroupRequest, CreateGroupInput, GenerateGpoSccmFileInput, requireText } from "./inputs";
import { errorFromResponse } from "./failures";
import { ApiRequest, ApiResponse, Send } from "./http";
import type { Service } from "./hosts";
import { TokenManager } from "./auth";
import { realClock } from "./clock";
import { RateLimiter } from "./limiter";
import { ClientMetrics, LogLine, newMetrics } from "./observe";
import { forEachPage, PAGE_SIZE } from "./paging";
import { RetryOptions, sendWithRetries } from "./retry";
import { stderrNotices } from "./retry-notice";
import { BackoffOptions } from "./retry-policy";
import { createGroupOnce } from "./create-lost-answer";
import { createOwnGroup, OwnCreateResult } from "./create-across-runs";
import {
  Device,
  DeviceGroup,
  devicePage,
  tenantDevicePage,
  deviceGroupPage,
  gpoSccmFileResponse,
  Group,
  groupResponse,
  parseResponse,
  toDeviceGroup,
  toGroup,
} from "./schemas";
import { TreeSnapshot } from "./snapshot";
import { DEFAULT_TREE_MAX_AGE_MS, TREE_FRESHNESS, type TreeFreshness } from "./freshness";
import { buildStack } from "./stack";
import { GroupTree } from "./tree";
import { ALL_GROUP_UUID } from "./well-known-groups";
import { ON_PREM_INSTALLER_REFUSAL, onPremDeleteRefusal } from "./on-prem";
import { AssignmentRef, PolicyAssignmentFilter, PolicyCalls } from "./policies";
import type { Policy, PolicyAssignment } from "./policy-schemas";

export interface ClientOptions {
  /** Current time in ms (token expiry, pending deadline, snapshot age). Default `Date.now`. */
  now?: () => number;
  /** Waits between retries and pending polls. Default: a real timer. */
  sleep?: (ms: number) => Promise<void>;
  /** Receives one debug line per HTTP exchange. Default: stderr when `ESET_CONNECT_DEBUG=1`, else none. */
  log?: LogLine;
  /** Random source in [0, 1) for backoff jitter. Default `Math.random`. */
  random?: () => number;
  /** Rate limiter. Default: the process-wide limiter shared by every client of the deployment. */
  limiter?: RateLimiter;
  /** Wraps the HTTP transport, e.g. to observe exchanges in tests. Default: none. */
  wrapTransport?: (send: Send) => Send;
  /** Receives one line per retry (what failed, attempt, next wait). Default: stderr, always. */
  notice?: LogLine;
}

const segment = (uuid: string) => encodeURIComponent(uuid);

export class EsetConnectClient {
  /** Counters for tests and benchmarks; see ClientMetrics. */
  readonly metrics: ClientMetrics = newMetrics();
  // Private (#) so that the password cannot leak through JSON.stringify or util.inspect.
  readonly #config: ClientConfig;
  readonly #tokens: TokenManager;
  readonly #api: Send;
  readonly #tree: TreeSnapshot;
  readonly #now: () => number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #backoff: BackoffOptions;
  readonly #notice: LogLine;
  readonly #policies: PolicyCalls;

  constructor(config: ClientConfigInput, options: ClientOptions = {}) {
    this.#config = parseClientConfig(config);
    this.#now = options.now ?? realClock.now;
    this.#sleep = options.sleep ?? realClock.sleep;
    this.#backoff = options.random ? { random: options.random } : {};
    this.#notice = options.notice ?? stderrNotices;
    const stack = buildStack(this.#config, {
      now: this.#now,
      sleep: this.#sleep,
      log: options.log,
      limiter: options.limiter,
      wrapTransport: options.wrapTransport,
      metrics: this.metrics,
      secrets: () => this.#secrets(),
      retryOptions: () => this.#retryOptions(),
    });
    this.#api = stack.api;
    this.#tokens = stack.tokens;
    this.#tree = new TreeSnapshot(() => this.listDeviceGroups(), this.#now, this.metrics);
    this.#policies = new PolicyCalls({
      send: this.#api,
      call: (request, operation) => this.#call(request, operation),
      pages: (operation, path, query, take) => this.#pages(operation, path, query, take, "policyManagement"),
      retryOptions: () => this.#retryOptions(),
      secrets: () => this.#secrets(),
      metrics: this.metrics,
      now: this.#now,
      describeGroup: (uuid) => this.#describeGroup(uuid).text,
    });
  }

  /** The configuration in use, without the password. */
  get config(): Omit<ClientConfig, "password"> {
    const { password: _password, ...rest } = this.#config;
    return rest;
  }

  #secrets(): string[] {
    return [this.#config.password, ...this.#tokens.knownTokens()];
  }

  #retryOptions(): RetryOptions {
    return {
      maxRetries: this.#config.maxRetries,
      now: this.#now,
      sleep: this.#sleep,
      backoff: this.#backoff,
      metrics: this.metrics,
      secrets: () => this.#secrets(),
      budgets: {
        rateLimitMs: this.#config.rateLimitRetryBudgetMs,
        connectionMs: this.#config.connectionRetryBudgetMs,
      },
      notice: this.#notice,
    };
  }

  /**
   * `group "Berlin" (uuid)` when the snapshot knows the name, else `group uuid`; as a parent,
   * `"EMEA" (uuid)` or `group uuid`. Names come only from a snapshot already held: no extra call.
   */
  #describeGroup(uuid: string): { text: string; asParent: string; name?: string } {
    const name = this.#tree.peek()?.byUuid.get(uuid)?.displayName;
    if (name === undefined) return { text: `group ${uuid}`, asParent: `group ${uuid}` };
    return { text: `group "${name}" (${uuid})`, asParent: `"${name}" (${uuid})`, name };
  }

  #operation(
    name: OperationName,
    description: string,
    groupUuid?: string,
    groupName?: string,
  ): OperationInfo {
    const op: OperationInfo = { name, description };
    if (groupUuid) op.groupUuid = groupUuid;
    if (groupName) op.groupName = groupName;
    return op;
  }

  /** Sends a call that is safe to repeat, with retries; throws the fitting error for a non-2xx answer. */
  async #call(request: ApiRequest, operation: OperationInfo): Promise<ApiResponse> {
    const { response, retries } = await sendWithRetries(this.#api, request, operation, this.#retryOptions());
    if (response.status >= 200 && response.status < 300) return response;
    throw errorFromResponse(response, operation, retries, this.#secrets());
  }

  /**
   * Creates a group, safely: a lost answer never leads to a second group (see docs/client.md).
   * Returns the group with the uuid the server chose. A duplicate sibling name is an ApiError
   * with status 400.
   */
  async createGroup(input: CreateGroupInput): Promise<Group> {
    const wanted = createGroupRequest(input);
    const parent = this.#describeGroup(wanted.parentGroupUuid);
    const operation = this.#operation(
      "createGroup",
      `creating group "${wanted.displayName}" under ${parent.asParent}`,
      undefined,
      wanted.displayName,
    );
    const group = await createGroupOnce(
      {
        ...this.#retryOptions(),
        send: this.#api,
        operation,
        freshTree: () => this.#tree.read(this.#now()),
        knownTree: () => this.#tree.peek(),
      },
      wanted,
    );
    this.#tree.record({
      kind: "create",
      group: {
        uuid: group.uuid,
        displayName: group.displayName,
        parentGroupUuid: group.parentGroupUuid,
        isSecurityGroup: true,
        linkedEntityType: group.linkedEntityType,
      },
    });
    return group;
  }

  /**
   * Creates a group idempotently across runs: asks for uuids derived from `clientUuid` (see
   * groupClientUuid) and, before and after any refusal, recognises the group an earlier run made
   * with one of them (same uuid, name and parent in the live tree) instead of creating another.
   * `madeEarlier` tells which happened. See docs/client.md, "Interrupted runs".
   */
  createOwnGroup(input: Omit<CreateGroupInput, "uuid"> & { clientUuid: string }): Promise<OwnCreateResult> {
    const { clientUuid, ...rest } = input;
    requireText("createGroup", "clientUuid", clientUuid);
    return createOwnGroup(
      {
        knownTree: () => this.readTree(TREE_FRESHNESS.create),
        freshTree: () => this.readTree(TREE_FRESHNESS.fresh),
        create: (uuid) => this.createGroup({ ...rest, uuid }),
      },
      { displayName: rest.displayName, parentGroupUuid: rest.parentGroupUuid, description: rest.description },
      clientUuid,
    );
  }

  /** Moves a group under another parent. Moving it under its current parent is a no-op. */
  async moveGroup(uuid: string, newParentUuid: string): Promise<Group> {
    requireText("moveGroup", "uuid", uuid);
    requireText("moveGroup", "newParentUuid", newParentUuid);
    const group = this.#describeGroup(uuid);
    const parent = this.#describeGroup(newParentUuid);
    const operation = this.#operation(
      "moveGroup",
      `moving ${group.text} under ${parent.asParent}`,
      uuid,
      group.name,
    );
    const response = await this.#call(
      {
        service: "assetManagement",
        method: "POST",
        path: `/v1/groups/${segment(uuid)}:move`,
        json: { newParentUuid },
      },
      operation,
    );
    const moved = toGroup(parseResponse(groupResponse, response, operation).group);
    this.#tree.record({ kind: "move", uuid: moved.uuid, parentGroupUuid: moved.parentGroupUuid });
    return moved;
  }

  /** Renames a group. Renaming it to its current name is a no-op. */
  async renameGroup(uuid: string, displayName: string): Promise<Group> {
    requireText("renameGroup", "uuid", uuid);
    requireText("renameGroup", "displayName", displayName);
    const group = this.#describeGroup(uuid);
    const operation = this.#operation(
      "renameGroup",
      `renaming ${group.text} to "${displayName}"`,
      uuid,
      group.name,
    );
    const response = await this.#call(
      {
        service: "assetManagement",
        method: "POST",
        path: `/v1/groups/${segment(uuid)}:rename`,
        json: { displayName },
      },
      operation,
    );
    const renamed = toGroup(parseResponse(groupResponse, response, operation).group);
    this.#tree.record({ kind: "rename", uuid: renamed.uuid, displayName: renamed.displayName });
    return renamed;
  }

  /**
   * Deletes a group with every group and device below it. `"not-found"` when the group was
   * already gone (possibly deleted by an earlier attempt whose answer was lost).
   */
  async deleteGroup(
    uuid: string,
    options: { releaseConsumedUnits: boolean },
  ): Promise<"deleted" | "not-found"> {
    requireText("deleteGroup", "uuid", uuid);
    const group = this.#describeGroup(uuid);
    if (this.#config.serverUrl) throw new Error(onPremDeleteRefusal(group.text));
    const operation = this.#operation("deleteGroup", `deleting ${group.text}`, uuid, group.name);
    const request: ApiRequest = {
      service: "assetManagement",
      method: "DELETE",
      path: `/v1/groups/${segment(uuid)}`,
      query: { releaseConsumedUnits: String(options?.releaseConsumedUnits === true) },
    };
    const { response, retries } = await sendWithRetries(this.#api, request, operation, this.#retryOptions());
    if (response.status === 404 || (response.status >= 200 && response.status < 300)) {
      this.#tree.record({ kind: "delete", uuid });
      return response.status === 404 ? "not-found" : "deleted";
    }
    throw errorFromResponse(response, operation, retries, this.#secrets());
  }

  /** Every group of the tenant (all pages, 1000 per page), linkedEntityType in asset-management words. */
  async listDeviceGroups(): Promise<DeviceGroup[]> {
    const operation = this.#operation("listDeviceGroups", "listing device groups");
    const out: DeviceGroup[] = [];
    await this.#pages(operation, "/v1/device_groups", {}, (body) => {
      const page = parseResponse(deviceGroupPage, body, operation);
      out.push(...page.deviceGroups.map(toDeviceGroup));
      return page.nextPageToken;
    });
    return out;
  }

  /** Devices in a group (all pages); with `recurseSubgroups`, also in every group below it. */
  async listGroupDevices(uuid: string, options: { recurseSubgroups: boolean }): Promise<Device[]> {
    requireText("listGroupDevices", "uuid", uuid);
    const group = this.#describeGroup(uuid);
    const operation = this.#operation(
      "listGroupDevices",
      `listing devices in ${group.text}`,
      uuid,
      group.name,
    );
    const out: Device[] = [];
    const query = { recurseSubgroups: String(options?.recurseSubgroups === true) };
    await this.#pages(operation, `/v1/device_groups/${segment(uuid)}/devices`, query, (body) => {
      const page = parseResponse(devicePage, body, operation);
      out.push(
        ...page.devices.map((d) => ({ uuid: d.uuid, displayName: d.displayName, groupUuid: d.groupUuid })),
      );
      return page.nextPageToken;
    });
    return out;
  }

  /**
   * Every device of the tenant (all pages), listed once per group membership: the devices of All
   * with `recurseSubgroups` (All holds every group, Lost & found included). This is ESET's member
   * listing, "a replicated projection" that may lag behind a device's moves [spec]; see
   * listTenantDevices for the current groups.
   */
  listDevices(): Promise<Device[]> {
    return this.listGroupDevices(ALL_GROUP_UUID, { recurseSubgroups: true });
  }

  /**
   * Every device of the tenant once, with the group it sits in now (`GET /v1/devices`, all pages).
   * Current where the member listing may lag, but it names one group per device (a device's other
   * memberships are only in listDevices).
   */
  async listTenantDevices(): Promise<Device[]> {
    const operation = this.#operation("listTenantDevices", "listing the tenant's devices");
    const out: Device[] = [];
    await this.#pages(operation, "/v1/devices", {}, (body) => {
      const page = parseResponse(tenantDevicePage, body, operation);
      out.push(
        ...page.devices.map((d) => ({
          uuid: d.uuid,
          displayName: d.displayName,
          groupUuid: d.parentGroupUuid,
        })),
      );
      return page.nextPageToken;
    });
    return out;
  }

  /** Every page of a listing (pageSize 1000); `take` keeps a page's items and returns the next token. */
  #pages(
    operation: OperationInfo,
    path: string,
    query: Record<string, string>,
    take: (response: ApiResponse) => string | undefined,
    service: Service = "deviceManagement",
  ): Promise<void> {
    const fetchPage = (pageToken: string | undefined) =>
      this.#call(
        {
          service,
          method: "GET",
          path,
          query: { ...query, pageSize: PAGE_SIZE, ...(pageToken ? { pageToken } : {}) },
        },
        operation,
      );
    return forEachPage(operation, fetchPage, take);
  }

  /** Generates an installer configuration (GPO/SCCM) file; returns its base64 text. Two calls may differ. */
  async generateGpoSccmFile(input: GenerateGpoSccmFileInput): Promise<string> {
    if (this.#config.serverUrl) throw new Error(ON_PREM_INSTALLER_REFUSAL);
    const body: Record<string, unknown> = {
      sendAnonymousDiagnosticData: input?.sendAnonymousDiagnosticData === true,
    };
    let target = "";
    if (input?.securityGroupUuid !== undefined) {
      const uuid = requireText("generateGpoSccmFile", "securityGroupUuid", input.securityGroupUuid);
      body.deviceEnrollmentSettings = { securityGroupUuid: uuid };
      target = ` for ${this.#describeGroup(uuid).text}`;
    }
    const operation = this.#operation(
      "generateGpoSccmFile",
      `generating the GPO/SCCM installer file${target}`,
      input?.securityGroupUuid,
    );
    const response = await this.#call(
      { service: "installerManagement", method: "POST", path: "/v1/gpo-sccm-files:generate", json: body },
      operation,
    );
    return parseResponse(gpoSccmFileResponse, response, operation).gpoSccmFile;
  }

  /**
   * The group tree from one listing, shared by every read for `maxAgeMs` (default 5000 ms) and by
   * concurrent readers; writes made through this client are already applied to it. With
   * `idleGapMs` (default none), reads that pass it keep one listing, whatever its age, for as long
   * as they come less than `idleGapMs` apart (what a refresh uses: see docs/client.md).
   */
  readTree(options: TreeFreshness = {}): Promise<GroupTree> {
    const maxAge = options.maxAgeMs ?? DEFAULT_TREE_MAX_AGE_MS;
    return this.#tree.read(this.#now() - Math.max(0, maxAge), { idleGapMs: options.idleGapMs });
  }

  // Policy management (policies.ts): the same send stack, limiter and retry loop as the group calls.

  /** Every policy of the tenant, built-in and custom (all pages). */
  listPolicies(): Promise<Policy[]> {
    return this.#policies.listPolicies();
  }

  /** One policy by uuid; an unknown uuid is an ApiError (404, or 403 in ESET's all-user-errors style). */
  getPolicy(uuid: string): Promise<Policy> {
    return this.#policies.getPolicy(uuid);
  }

  /** The tenant's policies from one listing shared for `maxAgeMs` (default 0: a listing started now). */
  readPolicies(options: TreeFreshness = {}): Promise<Policy[]> {
    return this.#policies.readPolicies(options);
  }

  /** Assignments matching `filter` (all pages); no filter: every assignment of the tenant. */
  listPolicyAssignments(filter: PolicyAssignmentFilter = {}): Promise<PolicyAssignment[]> {
    return this.#policies.listPolicyAssignments(filter);
  }

  /**
   * Every assignment of the tenant from one listing (pageSize 1000) shared for `maxAgeMs` (default
   * 0) or by a refresh's reads (`idleGapMs`); this client's writes are already applied to it.
   */
  readPolicyAssignments(options: TreeFreshness = {}): Promise<PolicyAssignment[]> {
    return this.#policies.readAssignments(options);
  }

  /** A group's assignments now (one filtered listing), rank 1 first; the shared listing takes them too. */
  readGroupPolicyAssignments(groupUuid: string): Promise<PolicyAssignment[]> {
    return this.#policies.readGroupAssignments(groupUuid);
  }

  /** Assigns a policy to a group, at the end; never two assignments for one call, even when answers are lost. */
  assignPolicy(policyUuid: string, target: { deviceGroupUuid: string }): Promise<PolicyAssignment> {
    return this.#policies.assignPolicy(policyUuid, target);
  }

  /** Removes an assignment; `"not-found"` when a fresh listing of its group shows it already gone. */
  unassignPolicy(assignment: AssignmentRef): Promise<"unassigned" | "not-found"> {
    return this.#policies.unassignPolicy(assignment);
  }

  /** Puts an assignment at `rank` (1 = highest priority) among its target's; ESET reorders the others. */
  rankPolicyAssignment(assignment: AssignmentRef, rank: number): Promise<void> {
    return this.#policies.rankPolicyAssignment(assignment, rank);
  }
}
