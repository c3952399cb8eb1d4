#!/usr/bin/env node
// npm run test:wire: the lifecycle, hierarchy and drift suites again under ESET's wire as it may
// really be (issue 28). `npm test` plays each of them under the emulator's defaults
// (jsonZeroValues omit, linkedSecurityGroup true, no membership lag); here each other candidate
// is played at least once. The switches are independent of each other, so two runs cover them:
// each sets membershipLagSeconds 5 and one of the other linkedSecurityGroup values, the second
// also jsonZeroValues emit. Policies are played through the YAML hierarchy's suite only: the
// resource-level policy suite repeats it once per policy switch, which the wire does not touch.
// Needs the build (npm test makes it; .ci/run runs this after npm test).
"use strict";
const { spawnSync } = require("node:child_process");
const path = require("node:path");

const CANDIDATES = [
  { linkedSecurityGroup: "false", membershipLagSeconds: 5 },
  { linkedSecurityGroup: "absent", membershipLagSeconds: 5, jsonZeroValues: "emit" },
];

const SUITES = [
  "test/engine/lifecycle.engine.test.ts", // create, rename, move, drift, the delete guard with devices
  "test/hierarchy/component-lifecycle.engine.test.ts", // the Hierarchy component's lifecycle
  "test/hierarchy/example-tenant.engine.test.ts", // the MSP example: linked groups as anchors
  "test/hierarchy/policies-lifecycle.engine.test.ts", // a YAML hierarchy's policies and their drift
];

const root = path.resolve(__dirname, "..", "..");
const jest = require.resolve("jest/bin/jest", { paths: [root] });
let failed = 0;
for (const candidate of CANDIDATES) {
  const wire = JSON.stringify(candidate);
  console.log(`\n== wire candidate ${wire}`);
  const run = spawnSync(process.execPath, [jest, ...SUITES, ...process.argv.slice(2)], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, ESET_EMULATOR_WIRE: wire },
  });
  if (run.status !== 0) {
    failed++;
    console.error(`== failed under ${wire} (exit ${run.status ?? run.signal})`);
  }
}
process.exit(failed === 0 ? 0 : 1);
