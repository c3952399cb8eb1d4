/**
 * Where each ESET Connect service lives. ESET runs one host per service and region; a user can
 * point every service at one base URL (the emulator, a proxy) or override hosts one by one.
 */

/** Region codes ESET Connect serves. Japan is `jpn`, not `jp`. */
export const REGIONS = ["eu", "de", "us", "ca", "jpn"] as const;
export type Region = (typeof REGIONS)[number];

/** The services this package talks to. Their paths do not collide, so one origin can serve all. */
export const SERVICES = [
  "auth",
  "assetManagement",
  "deviceManagement",
  "installerManagement",
  "policyManagement",
] as const;
export type Service = (typeof SERVICES)[number];

/**
 * The services a configuration by `hosts` alone must name. Policy management came later and only
 * the policy resources call it: a configuration written before it keeps working, and a policy call
 * without an address for it fails with the service named (serviceBaseUrl).
 */
export const REQUIRED_SERVICES: readonly Service[] = [
  "auth",
  "assetManagement",
  "deviceManagement",
  "installerManagement",
];

const HOST_PREFIX: Record<Service, string> = {
  auth: "business-account.iam",
  assetManagement: "asset-management",
  deviceManagement: "device-management",
  installerManagement: "installer-management",
  policyManagement: "policy-management",
};

export interface ServiceLocation {
  /** Region whose ESET hosts are used when neither `endpoint` nor a host override is set. */
  region?: Region;
  /** One base URL for every service, e.g. the emulator's `http://127.0.0.1:8080`. */
  endpoint?: string;
  /** ESET PROTECT On-Prem: the one origin of every path (wins over everything else). */
  serverUrl?: string;
  /** Per-service base URLs; each wins over `endpoint` and `region` for its service. */
  hosts?: Partial<Record<Service, string>>;
}

/** The base URL (no trailing slash) to send a service's calls to. */
export function serviceBaseUrl(service: Service, location: ServiceLocation): string {
  const chosen =
    location.serverUrl ??
    location.hosts?.[service] ??
    location.endpoint ??
    (location.region ? `https://${location.region}.${HOST_PREFIX[service]}.eset.systems` : undefined);
  if (!chosen) {
    throw new Error(
      `No address for the ${service} service: set a region (${REGIONS.join(", ")}) or an endpoint.`,
    );
  }
  return chosen.replace(/\/+$/, "");
}
