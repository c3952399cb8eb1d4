// The emulator of an `up` killed while creates are in flight, shared by the harness test
// (test/engine/interrupted-up.engine.test.ts) and the real-CLI lane (test/pulumi-cli/lane/interrupted.test.ts).
import type { EmulatorSettingsPatch } from "../../emulator";

/** 1.5 s per call, so a kill lands mid-create; no 429s; ESET keeping the client's uuid or not. */
export function interruptedCreateSettings(ignoreClientUuid: boolean): EmulatorSettingsPatch {
  return {
    latencyMs: 1500,
    rateLimit: { perSecond: 1000 },
    ignoreClientUuid,
    // The first create: applied at once, answered 202, its result fetched by the next poll.
    faults: { script: [{ kind: "pending", polls: 0, method: "POST", path: "/v1/groups" }] },
  };
}
