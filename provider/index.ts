// The public API of pulumi-eset-connect. Every export is named here on purpose (no `export *`):
// what is not listed is internal and may change without notice.

// Resources: what a Pulumi program declares.
export { Group, GroupAnchor, GpoSccmFile, GroupPolicies, PolicyAnchor } from "./resources";
export type {
  GroupArgs,
  GroupAnchorArgs,
  GpoSccmFileArgs,
  GroupPoliciesArgs,
  GroupPolicyAssignment,
  PolicyAnchorArgs,
} from "./resources";

// Hierarchy as code: a declared tree (YAML or TypeScript) turned into Groups, and the pure
// functions behind the `eset-connect` CLI (validation, plan, export).
export {
  Hierarchy,
  HIERARCHY_TYPE,
  hierarchySpecSchema,
  parseHierarchyYaml,
  validateHierarchy,
  HierarchyValidationError,
  declareHierarchy,
  LiveTree,
  planHierarchy,
  planHasChanges,
  withBlastRadius,
  deviceListingRoot,
  planDeletesDevices,
  withPolicyChanges,
  policyUuidsByKey,
  HierarchyPolicyError,
  renderPlan,
  renderPlanMermaid,
  exportHierarchy,
  hierarchyToYaml,
} from "./hierarchy";
export type {
  HierarchyArgs,
  HierarchySpec,
  HierarchyNode,
  HierarchyFile,
  HierarchyProblem,
  HierarchyPlan,
  PlanChange,
  PlanFormat,
  DeletedWith,
  DeviceMembership,
  PolicyChange,
  TenantPolicies,
} from "./hierarchy";

// The ESET Connect client, for scripts and tools that talk to the API directly.
export {
  EsetConnectClient,
  sharedClient,
  parseClientConfig,
  clientConfigFromEnv,
  EsetConnectError,
  ApiError,
  AuthError,
  RateLimitError,
  PendingTimeoutError,
  NetworkError,
  ConfigError,
  ResponseValidationError,
  isEsetConnectError,
  isApiError,
  isAuthError,
  isRateLimitError,
  isPendingTimeoutError,
  isNetworkError,
  isConfigError,
  isResponseValidationError,
  ClientUuidTakenError,
  groupClientUuid,
  REGIONS,
  serviceBaseUrl,
  ALL_GROUP_UUID,
} from "./client";
export type {
  ClientConfig,
  ClientConfigInput,
  ClientMetrics,
  Device,
  DeviceGroup,
  Group as GroupInfo,
  GroupTree,
  OwnCreateResult,
  Policy,
  PolicyAssignment,
  PolicyTarget,
  Region,
  Service,
} from "./client";
