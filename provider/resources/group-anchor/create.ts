/** GroupAnchor `create`: reads the group again (the listing `check` used serves, so usually no call). */
import type * as pulumi from "@pulumi/pulumi";
import type { Connect } from "../connect";
import type { Props } from "../inputs";
import type { AnchorState } from "./state";
import { resolveAnchor } from "./resolve";

/** The anchored group, or an error naming each input that no longer matches. */
export async function resolveOrThrow(connect: Connect, inputs: Props): Promise<AnchorState> {
  const found = resolveAnchor(await connect().readTree(), inputs);
  if (found.state) return found.state;
  throw new Error(found.failures.map((f) => `${f.property} ${f.reason}`).join("\n"));
}

export async function createGroupAnchor(
  connect: Connect,
  inputs: Props,
): Promise<pulumi.dynamic.CreateResult> {
  const state = await resolveOrThrow(connect, inputs);
  return { id: state.uuid, outs: state };
}
