/** GroupAnchor `read` (refresh): the group by its uuid, or gone; a rename or move shows as drift. */
import type * as pulumi from "@pulumi/pulumi";
import type { Connect } from "../connect";
import type { Props } from "../inputs";
import { resolveAnchor } from "./resolve";

export async function readGroupAnchor(
  connect: Connect,
  id: string,
  props: Props,
): Promise<pulumi.dynamic.ReadResult> {
  const found = resolveAnchor(await connect().readTree(), { uuid: id });
  if (!found.state) return {};
  const inputs = { ...props, ...found.state };
  return { id, props: found.state, inputs };
}
