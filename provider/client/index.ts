// The client's public names, each listed on purpose (no `export *`).
export { EsetConnectClient } from "./client";
export type { ClientOptions } from "./client";
export type { CreateGroupInput, GenerateGpoSccmFileInput } from "./inputs";
export { sharedClient } from "./shared-client";
export { groupClientUuid, clientUuidCandidates } from "./client-uuid";
export { ClientUuidTakenError } from "./create-across-runs";
export type { OwnCreateResult } from "./create-across-runs";
export { parseClientConfig, clientConfigFromEnv, CONFIG_DEFAULTS } from "./config";
export type { ClientConfig, ClientConfigInput } from "./config";
export {
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
} from "./errors";
export type { ApiErrorDetails, ConfigIssue, OperationInfo, OperationName } from "./errors";
export { USER_ERROR_STATUSES, isUserErrorStatus, isUserError } from "./user-errors";
export { LINKED_ENTITY_TYPES, toAssetEntityType } from "./schemas";
export type { Device, DeviceGroup, Group, LinkedEntityType } from "./schemas";
export type { GroupTree } from "./tree";
export type { Policy, PolicyAssignment, PolicyTarget } from "./policy-schemas";
export type { AssignmentRef, PolicyAssignmentFilter } from "./policies";
export { DEFAULT_TREE_MAX_AGE_MS, TREE_FRESHNESS } from "./freshness";
export type { TreeFreshness } from "./freshness";
export type { ClientMetrics, LogLine } from "./observe";
export type { RateLimiter } from "./limiter";
export { RATE_SAFETY_MARGIN_MS, RATE_WINDOW_MS } from "./limiter";
export type { ApiRequest, ApiResponse, CallContext, Send } from "./http";
export { ALL_GROUP_UUID } from "./well-known-groups";
export { REGIONS, SERVICES, serviceBaseUrl } from "./hosts";
export type { Region, Service, ServiceLocation } from "./hosts";
