// The public API of pulumi-eset-connect. Every export is named here on purpose (no `export *`).
export { REGIONS, SERVICES, serviceBaseUrl } from "./client/hosts";
export type { Region, Service, ServiceLocation } from "./client/hosts";
