import type { Policy } from "./policies";

/**
 * The built-in policies every tenant has, with the names ESET PROTECT ships its ESET Endpoint for
 * Windows presets under (as ESET's public help pages list them). Their uuids are not public
 * [assumed]: the emulator gives each a fixed one, the same in every tenant (as All's uuid is), in
 * ESET's uuid format so every path and filter accepts it.
 */
export const ANTIVIRUS_BALANCED_POLICY_UUID = "00000000-0000-0000-7005-000000000001";
export const ANTIVIRUS_MAXIMUM_SECURITY_POLICY_UUID = "00000000-0000-0000-7005-000000000002";
export const ANTIVIRUS_REAL_TIME_ONLY_POLICY_UUID = "00000000-0000-0000-7005-000000000003";
export const DEVICE_CONTROL_MAXIMUM_SECURITY_POLICY_UUID = "00000000-0000-0000-7005-000000000004";
export const DEVICE_CONTROL_READ_ONLY_POLICY_UUID = "00000000-0000-0000-7005-000000000005";
export const FIREWALL_BLOCK_ALL_POLICY_UUID = "00000000-0000-0000-7005-000000000006";
export const VISIBILITY_INVISIBLE_POLICY_UUID = "00000000-0000-0000-7005-000000000007";
export const VISIBILITY_BALANCED_POLICY_UUID = "00000000-0000-0000-7005-000000000008";
export const LOGGING_FULL_DIAGNOSTIC_POLICY_UUID = "00000000-0000-0000-7005-000000000009";
export const LOGGING_IMPORTANT_EVENTS_POLICY_UUID = "00000000-0000-0000-7005-00000000000a";

/**
 * ESET reserves featureId 0xFFFFFFFF for legacy (ERA/ESMC/EP) policies [spec: v2FeaturePolicy];
 * what a built-in carries is not public, so each carries one such feature with an opaque
 * configuration that says it is the emulator's [assumed].
 */
const LEGACY_FEATURE_ID = 0xffffffff;

function builtIn(uuid: string, displayName: string, description: string, preset: string): Policy {
  return {
    uuid,
    displayName,
    description,
    builtIn: true,
    features: [
      {
        featureId: LEGACY_FEATURE_ID,
        configuration: { "@type": "type.googleapis.com/esetconnect.emulator.v1.Preset", preset },
        flags: {},
      },
    ],
  };
}

/** In the order `GET /v2/policies` lists them, before any custom policy. */
export const BUILT_IN_POLICIES: readonly Policy[] = [
  builtIn(
    ANTIVIRUS_BALANCED_POLICY_UUID,
    "Antivirus - Balanced",
    "Recommended protection for most workstations.",
    "antivirus-balanced",
  ),
  builtIn(
    ANTIVIRUS_MAXIMUM_SECURITY_POLICY_UUID,
    "Antivirus - Maximum security",
    "Strongest detection settings, at some cost in speed.",
    "antivirus-maximum-security",
  ),
  builtIn(
    ANTIVIRUS_REAL_TIME_ONLY_POLICY_UUID,
    "Antivirus - Real-time scanning only",
    "Real-time file system protection without scheduled scans.",
    "antivirus-real-time-only",
  ),
  builtIn(
    DEVICE_CONTROL_MAXIMUM_SECURITY_POLICY_UUID,
    "Device control - Maximum security",
    "Blocks every removable device.",
    "device-control-maximum-security",
  ),
  builtIn(
    DEVICE_CONTROL_READ_ONLY_POLICY_UUID,
    "Device control - Read only",
    "Removable devices can be read, not written.",
    "device-control-read-only",
  ),
  builtIn(
    FIREWALL_BLOCK_ALL_POLICY_UUID,
    "Firewall - Block all traffic except ESET PROTECT connection",
    "Isolates the device: only the connection to ESET PROTECT stays open.",
    "firewall-block-all",
  ),
  builtIn(
    VISIBILITY_INVISIBLE_POLICY_UUID,
    "Visibility - Invisible mode",
    "No notifications, alerts or GUI for the user.",
    "visibility-invisible",
  ),
  builtIn(
    VISIBILITY_BALANCED_POLICY_UUID,
    "Visibility - Balanced",
    "The default amount of notifications for the user.",
    "visibility-balanced",
  ),
  builtIn(
    LOGGING_FULL_DIAGNOSTIC_POLICY_UUID,
    "Logging - Full diagnostic logging",
    "Logs everything, for troubleshooting with ESET support.",
    "logging-full-diagnostic",
  ),
  builtIn(
    LOGGING_IMPORTANT_EVENTS_POLICY_UUID,
    "Logging - Log important events only",
    "Logs warnings and errors only.",
    "logging-important-events",
  ),
];
