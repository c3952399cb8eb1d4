/**
 * The uuid a create asks ESET for, derived from what identifies the resource (Pulumi project,
 * stack and resource name), so that a rerun after an interrupted `up` asks for the same one and
 * recognises the group an earlier run created. ESET may refuse a uuid (in use, or once used by a
 * deleted group): then the next candidate of a fixed sequence is asked for, so a rerun still
 * walks the same uuids. Laid out as an RFC 9562 version 8 uuid (hash-based, our own scheme).
 */
import { createHash } from "node:crypto";

/** How many uuids one resource may try before giving up (the first plus fallbacks). */
export const CLIENT_UUID_CANDIDATES = 3;

function uuidFromHash(text: string): string {
  const hex = createHash("sha256").update(text).digest("hex").slice(0, 32).split("");
  hex[12] = "8"; // version 8
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16); // variant 10xx
  const h = hex.join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** The client uuid of a Group: the same for the same project, stack and resource name. */
export function groupClientUuid(project: string, stack: string, resourceName: string): string {
  return uuidFromHash(`pulumi-eset-connect/Group\n${project}\n${stack}\n${resourceName}`);
}

/** The uuids a create tries, in order: the client uuid, then fallbacks derived from it. */
export function clientUuidCandidates(clientUuid: string, count: number = CLIENT_UUID_CANDIDATES): string[] {
  return [clientUuid, ...Array.from({ length: count - 1 }, (_, i) => uuidFromHash(`${clientUuid}#${i + 2}`))];
}
