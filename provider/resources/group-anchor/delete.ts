/** GroupAnchor `delete`: an anchor is never deleted; it makes no call at all. */
import type { Props } from "../inputs";
import { say } from "../report";

export function deleteGroupAnchor(id: string, props: Props): void {
  const name = typeof props.displayName === "string" ? `"${props.displayName}" ` : "";
  say(`group anchor ${name}(${id})`, "left in ESET as it is (an anchor is never deleted)");
}
