/** PolicyAnchor `delete`: a policy anchor never deletes its policy; it makes no call at all. */
import type { Props } from "../inputs";
import { say } from "../report";

export function deletePolicyAnchor(id: string, props: Props): void {
  const name = typeof props.displayName === "string" ? `"${props.displayName}" ` : "";
  say(`policy anchor ${name}(${id})`, "left in ESET as it is (an anchor is never deleted)");
}
