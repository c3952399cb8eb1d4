/**
 * One client per distinct configuration per process, so that resources of one `pulumi up` share
 * a tree snapshot and counters. Kept on globalThis: the dynamic-provider host may load several
 * copies of the provider, all on one event loop.
 */
import { createHash } from "node:crypto";
import { EsetConnectClient } from "./client";
import { ClientConfigInput, parseClientConfig } from "./config";
import { processWide } from "../../shared/process-wide";

/** Keyed by the client class too: another copy of this module keeps its own clients. */
type Registry = WeakMap<object, Map<string, EsetConnectClient>>;

function clients(): Map<string, EsetConnectClient> {
  const registry = processWide<Registry>("sharedClients.v1", () => new WeakMap());
  let map = registry.get(EsetConnectClient);
  if (!map) {
    map = new Map();
    registry.set(EsetConnectClient, map);
  }
  return map;
}

/** The process's client for this configuration (validated first), created on first use. */
export function sharedClient(config: ClientConfigInput): EsetConnectClient {
  const parsed = parseClientConfig(config);
  // The key holds a hash of the password, never the password itself.
  const key = JSON.stringify({
    ...parsed,
    hosts: parsed.hosts ? Object.entries(parsed.hosts).sort() : undefined,
    password: createHash("sha256").update(parsed.password).digest("hex"),
  });
  const map = clients();
  let client = map.get(key);
  if (!client) {
    client = new EsetConnectClient(parsed);
    map.set(key, client);
  }
  return client;
}
