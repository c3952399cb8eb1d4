// The hierarchy's public names; provider/index.ts re-exports the ones users need.
export {
  ALL_GROUP_UUID,
  LINKED_ENTITY_TYPES,
  LINKED_ENTITY_TYPE_NAMES,
  NODE_FIELDS,
  fullEntityType,
  shortEntityType,
  SPEC_FIELDS,
  hierarchyNodeSchema,
  hierarchySpecSchema,
} from "./format";
export type { HierarchyNode, HierarchySpec, LinkedEntityType, LinkedEntityTypeName } from "./format";
export { KEY_PATTERN, defaultKey, isValidKey, slug } from "./keys";
export { childPath, formatPath, parsePath } from "../client/group-paths";
export { HierarchyValidationError, formatProblem, objectLocator, propertyPathText } from "./problems";
export type { HierarchyProblem, Locate, ProblemTarget, PropertyPath } from "./problems";
export { hierarchyProblems, validateHierarchy } from "./validate";
export { parseHierarchyYaml } from "./yaml";
export type { HierarchyFile } from "./yaml";
export { declareHierarchy } from "./declared";
export type { DeclaredGroup, DeclaredHierarchy } from "./declared";
export { LiveTree } from "../client/live-tree";
export type { LiveGroup } from "../client/live-tree";
export { PLAN_CHANGE_KINDS, planHasChanges, planHierarchy } from "./plan";
export type {
  DeletedWith,
  DroppedAssignment,
  HierarchyPlan,
  PlanChange,
  PlanChangeKind,
  PlannedPolicy,
  PlanNode,
  PlanOptions,
  PolicyChange,
} from "./plan";
export type { AssignmentSummary, PolicySummary, TenantPolicies } from "./policy-data";
export {
  declaresPolicies,
  declaresPolicyNames,
  HierarchyPolicyError,
  policyUuidsByKey,
  resolvePolicyNames,
} from "./policy-names";
export type { ResolvedPolicies } from "./policy-names";
export { diffGroupPolicies, withPolicyChanges } from "./policy-plan";
export { policySummary } from "./policy-render";
export { deviceListingRoot, planDeletesDevices, withBlastRadius } from "./blast-radius";
export type { DeviceMembership } from "./blast-radius";
export { mermaidLabelText, renderPlanMermaid } from "./mermaid";
export {
  PLAN_FORMATS,
  blastRadiusSummary,
  planSummary,
  planTreeLines,
  renderPlan,
  renderPlanJson,
  renderPlanMarkdown,
  renderPlanText,
} from "./render";
export type { PlanFormat, RenderOptions } from "./render";
export { exportedPolicies, exportHierarchy, hierarchyToYaml } from "./export";
export type { HierarchyYamlOptions } from "./export";
export { HIERARCHY_TYPE, Hierarchy } from "./component";
export type { HierarchyArgs } from "./component";
export { isUuidReference, resolveParentUuid } from "./parent-uuid";
