// The resources of pulumi-eset-connect; `provider/index.ts` re-exports them by name. Program side
// only: nothing here loads the host-side code.
export { Group } from "./group/group";
export type { GroupArgs } from "./group/group";
export { GpoSccmFile } from "./gpo-sccm-file/gpo-sccm-file";
export type { GpoSccmFileArgs } from "./gpo-sccm-file/gpo-sccm-file";
export { GroupAnchor } from "./group-anchor/group-anchor";
export type { GroupAnchorArgs } from "./group-anchor/group-anchor";
export { GroupPolicies } from "./group-policies/group-policies";
export type { GroupPoliciesArgs, GroupPolicyAssignment } from "./group-policies/group-policies";
export { PolicyAnchor } from "./policy-anchor/policy-anchor";
export type { PolicyAnchorArgs } from "./policy-anchor/policy-anchor";
