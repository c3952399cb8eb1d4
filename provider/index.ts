// The public API of pulumi-eset-connect. Every export is named here on purpose (no `export *`):
// what is not listed is internal and may change without notice.

// Resources: what a Pulumi program declares.
export { Group, GpoSccmFile } from "./resources";
export type { GroupArgs, GpoSccmFileArgs } from "./resources";

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
  REGIONS,
  serviceBaseUrl,
} from "./client";
export type {
  ClientConfig,
  ClientConfigInput,
  ClientMetrics,
  Device,
  DeviceGroup,
  Group as GroupInfo,
  GroupTree,
  Region,
  Service,
} from "./client";
