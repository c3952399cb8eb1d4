/**
 * The ESET wire candidate a test run plays (issue 28): `ESET_EMULATOR_WIRE` holds a JSON settings
 * patch of the emulator's wire switches (`jsonZeroValues`, `linkedSecurityGroup`,
 * `membershipLagSeconds`), which the lifecycle, hierarchy and drift suites apply beneath their own
 * settings. `npm run test:wire` (test/support/wire-lane.js) runs those suites under each candidate;
 * `npm test` runs them under the emulator's defaults. A setting a test chooses itself wins.
 */
import type { EmulatorSettingsPatch } from "../../emulator";

/** The switches a wire candidate may set: nothing else, so a typo cannot pass unnoticed. */
const WIRE_SWITCHES = ["jsonZeroValues", "linkedSecurityGroup", "membershipLagSeconds"] as const;

export function wireCandidate(env: NodeJS.ProcessEnv = process.env): EmulatorSettingsPatch {
  const text = env.ESET_EMULATOR_WIRE;
  if (!text) return {};
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new Error(`ESET_EMULATOR_WIRE must be a JSON object of emulator settings (got ${text})`);
  }
  const unknown = Object.keys(parsed).filter((k) => !(WIRE_SWITCHES as readonly string[]).includes(k));
  if (unknown.length > 0) {
    throw new Error(
      `ESET_EMULATOR_WIRE: ${unknown.join(", ")} is not a wire switch (${WIRE_SWITCHES.join(", ")})`,
    );
  }
  return parsed as EmulatorSettingsPatch;
}

/** The name of the candidate being played, for test titles ("" under the defaults). */
export function wireCandidateLabel(env: NodeJS.ProcessEnv = process.env): string {
  const patch = wireCandidate(env);
  const parts = Object.entries(patch).map(([k, v]) => `${k}=${String(v)}`);
  return parts.length === 0 ? "" : ` [wire: ${parts.join(", ")}]`;
}
