/**
 * Inputs a Group computes from who it is. The dynamic Group class adds `clientUuid` (the uuid a
 * create asks ESET for, the same on every rerun: docs/client.md, "Interrupted runs") and
 * `resourceUrn` (for recovery messages) in the program, because a dynamic provider's `create` gets
 * no URN. A plugin is given the URN in `check`, so it adds them there, for programs in every
 * language, with the same derivation.
 */
import { groupClientUuid } from "../client/client-uuid";
import { parseUrn } from "./resource-types";
import type { Props } from "./secrets";

export function withGroupIdentity(urn: string, news: Props): Props {
  const { project, stack, name } = parseUrn(urn);
  return { ...news, clientUuid: groupClientUuid(project, stack, name), resourceUrn: urn };
}
