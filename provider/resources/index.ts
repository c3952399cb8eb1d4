// The resources of pulumi-eset-connect; `provider/index.ts` re-exports them by name.
export { Group } from "./group";
export type { GroupArgs } from "./group";
export { GpoSccmFile } from "./gpo-sccm-file";
export type { GpoSccmFileArgs } from "./gpo-sccm-file";
export { GroupAnchor } from "./group-anchor";
export type { GroupAnchorArgs } from "./group-anchor";
