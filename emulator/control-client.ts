/**
 * The emulator's control plane (`/_emulator/*`, docs/emulator.md) as methods: one client for the
 * tests, the benchmark and the demo, whether the emulator runs in-process or as its own command.
 */
// Types come from their homes, not from ./index: the index re-exports this client, and importing
// back from it would make a cycle.
import type { SeedInput } from "./model/seed";
import type { Policy, PolicyAssignment, PolicyTarget } from "./model/policies";
import type { Deletion, Device, EmulatorState, Group } from "./model/types";
import type { RequestLogEntry } from "./http/request-log";
import type { EmulatorSettingsPatch } from "./http/settings";
import type { IssuedToken } from "./http/tokens";

/** Which tenant a console operation acts in. Default "demo". */
export interface ConsoleOptions {
  tenant?: string;
}

/** A group as the console creates it; any linkedEntityType, parent default All. */
export interface ConsoleGroup {
  uuid?: string;
  displayName: string;
  parentGroupUuid?: string;
  description?: string;
  /** e.g. "GROUP_ENTITY_TYPE_CUSTOMER" for what customer onboarding creates. Default UNSPECIFIED. */
  linkedEntityType?: string;
  /** A reference from an external system, echoed back like every field of v1Group. */
  externalReference?: string;
  /** e.g. "EXTERNAL_ASSET_TYPE_AZURE_RESOURCE_GROUP". Default UNSPECIFIED. */
  externalType?: string;
}

/** A device as the console adds it: `groupUuid` contains it, `groupUuids` lists every membership. */
export interface ConsoleDevice {
  uuid?: string;
  displayName: string;
  groupUuid?: string;
  groupUuids?: string[];
}

/** A custom policy as a person creates it in the console; `uuid` kept when no policy has it. */
export interface ConsolePolicy {
  displayName: string;
  description?: string;
  uuid?: string;
}

/**
 * What ESET or a person in ESET's web console does outside the API: never rate limited, never in
 * the request log, free of the API's rules on linked and special groups (the tree stays a tree).
 */
export interface EmulatorConsole {
  /** Creates a group of any type, e.g. a linked CUSTOMER group as onboarding a customer does. */
  createGroup(group: ConsoleGroup, options?: ConsoleOptions): Promise<Group>;
  /** Renames any group but All (Lost & found and linked groups included). */
  renameGroup(uuid: string, displayName: string, options?: ConsoleOptions): Promise<Group>;
  /** Moves any group but All and Lost & found (linked groups included). */
  moveGroup(uuid: string, newParentUuid: string, options?: ConsoleOptions): Promise<Group>;
  /** Deletes any group but All and Lost & found, with its subtree and devices. */
  deleteGroup(uuid: string, options?: ConsoleOptions & { releaseConsumedUnits?: boolean }): Promise<Deletion>;
  addDevice(device: ConsoleDevice, options?: ConsoleOptions): Promise<Device>;
  /** Puts a device into another group; its other memberships stay. */
  moveDevice(uuid: string, groupUuid: string, options?: ConsoleOptions): Promise<Device>;
  /** Creates a custom policy (never a built-in one). */
  createPolicy(policy: ConsolePolicy, options?: ConsoleOptions): Promise<Policy>;
  /** Deletes a custom policy; its assignments go with it (built-ins cannot be deleted). */
  deletePolicy(uuid: string, options?: ConsoleOptions): Promise<void>;
  /**
   * Assigns a policy at the end of the target's stack (rank = its number of assignments). All and
   * linked groups are allowed whatever `policiesOnSpecialGroups` says; `duplicatePolicyAssignment`
   * applies.
   */
  assignPolicy(policyUuid: string, target: PolicyTarget, options?: ConsoleOptions): Promise<PolicyAssignment>;
  /** Removes an assignment; the target's others are renumbered 1..n. */
  unassignPolicy(assignmentUuid: string, options?: ConsoleOptions): Promise<void>;
  /** Gives the assignment this rank (1 = highest), the others reordered; answers it. */
  rankPolicyAssignment(
    assignmentUuid: string,
    rank: number,
    options?: ConsoleOptions,
  ): Promise<PolicyAssignment>;
}

export interface EmulatorControl {
  url: string;
  reset(): Promise<void>;
  seed(seed: SeedInput): Promise<void>;
  settings(patch: EmulatorSettingsPatch): Promise<void>;
  state(): Promise<EmulatorState>;
  /** Every policy of the tenant (default demo): built-ins first, then custom ones in creation order. */
  policies(options?: ConsoleOptions): Promise<Policy[]>;
  /** Every assignment of the tenant (default demo), by target (first assigned first), then rank. */
  policyAssignments(options?: ConsoleOptions): Promise<PolicyAssignment[]>;
  requests(): Promise<RequestLogEntry[]>;
  clearRequests(): Promise<void>;
  tokens(): Promise<IssuedToken[]>;
  /** Moves the virtual clock forward (token expiry, pending 504 and 10-minute rules, rate-limit window). */
  advanceClock(ms: number): Promise<void>;
  /** Console operations: drift, linked groups, devices (docs/emulator.md, "Console operations"). */
  console: EmulatorConsole;
}

export function emulatorControl(url: string): EmulatorControl {
  const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${url}/_emulator/${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok)
      throw new Error(`emulator ${method} /_emulator/${path} answered ${response.status}: ${text}`);
    return text === "" ? undefined : JSON.parse(text);
  };
  const query = (options: ConsoleOptions & { releaseConsumedUnits?: boolean } = {}) => {
    const params = new URLSearchParams();
    if (options.tenant !== undefined) params.set("tenant", options.tenant);
    if (options.releaseConsumedUnits !== undefined)
      params.set("releaseConsumedUnits", String(options.releaseConsumedUnits));
    const text = params.toString();
    return text === "" ? "" : `?${text}`;
  };
  const group = async (path: string, body: unknown) =>
    ((await call("POST", path, body)) as { group: Group }).group;
  const device = async (path: string, body: unknown) =>
    ((await call("POST", path, body)) as { device: Device }).device;
  const assignment = async (path: string, body: unknown) =>
    ((await call("POST", path, body)) as { assignment: PolicyAssignment }).assignment;
  const tenantState = async (options: ConsoleOptions = {}) => {
    const id = options.tenant ?? "demo";
    const tenant = ((await call("GET", "state")) as EmulatorState).tenants.find((t) => t.id === id);
    if (!tenant) throw new Error(`emulator has no tenant ${id}`);
    return tenant;
  };
  return {
    url,
    reset: async () => void (await call("POST", "reset")),
    seed: async (seed) => void (await call("POST", "seed", seed)),
    settings: async (patch) => void (await call("PUT", "settings", patch)),
    state: async () => (await call("GET", "state")) as EmulatorState,
    policies: async (options) => (await tenantState(options)).policies ?? [],
    policyAssignments: async (options) => (await tenantState(options)).policyAssignments ?? [],
    requests: async () => ((await call("GET", "requests")) as { requests: RequestLogEntry[] }).requests,
    clearRequests: async () => void (await call("DELETE", "requests")),
    tokens: async () => ((await call("GET", "tokens")) as { tokens: IssuedToken[] }).tokens,
    advanceClock: async (ms) => void (await call("POST", "clock", { advanceMs: ms })),
    console: {
      createGroup: (g, options) => group(`console/groups${query(options)}`, { group: g }),
      renameGroup: (uuid, displayName, options) =>
        group(`console/groups/${uuid}:rename${query(options)}`, { displayName }),
      moveGroup: (uuid, newParentUuid, options) =>
        group(`console/groups/${uuid}:move${query(options)}`, { newParentUuid }),
      deleteGroup: async (uuid, options) =>
        ((await call("DELETE", `console/groups/${uuid}${query(options)}`)) as { deletion: Deletion })
          .deletion,
      addDevice: (d, options) => device(`console/devices${query(options)}`, { device: d }),
      moveDevice: (uuid, groupUuid, options) =>
        device(`console/devices/${uuid}:move${query(options)}`, { groupUuid }),
      createPolicy: async (policy, options) =>
        ((await call("POST", `console/policies${query(options)}`, { policy })) as { policy: Policy }).policy,
      deletePolicy: async (uuid, options) =>
        void (await call("DELETE", `console/policies/${uuid}${query(options)}`)),
      assignPolicy: (policyUuid, target, options) =>
        assignment(`console/policy-assignments${query(options)}`, { assignment: { policyUuid, target } }),
      unassignPolicy: async (uuid, options) =>
        void (await call("DELETE", `console/policy-assignments/${uuid}${query(options)}`)),
      rankPolicyAssignment: (uuid, rank, options) =>
        assignment(`console/policy-assignments/${uuid}:updateRanking${query(options)}`, { rank }),
    },
  };
}
