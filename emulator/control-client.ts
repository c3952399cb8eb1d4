/**
 * The emulator's control plane (`/_emulator/*`, docs/emulator.md) as methods: one client for the
 * tests, the benchmark and the demo, whether the emulator runs in-process or as its own command.
 */
// Types come from their homes, not from ./index: the index re-exports this client, and importing
// back from it would make a cycle.
import type { SeedInput } from "./model/seed";
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
}

export interface EmulatorControl {
  url: string;
  reset(): Promise<void>;
  seed(seed: SeedInput): Promise<void>;
  settings(patch: EmulatorSettingsPatch): Promise<void>;
  state(): Promise<EmulatorState>;
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
  return {
    url,
    reset: async () => void (await call("POST", "reset")),
    seed: async (seed) => void (await call("POST", "seed", seed)),
    settings: async (patch) => void (await call("PUT", "settings", patch)),
    state: async () => (await call("GET", "state")) as EmulatorState,
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
    },
  };
}
