// The Node test lanes, one jest project each, chosen by the test file's name (CONTRIBUTING.md):
//   unit     *.test.ts          pure or in-process only: no server, no child process
//   http     *.http.test.ts     an emulator in-process on a random port
//   host     *.host.test.ts     a dynamic-provider host or another process
//   engine   *.engine.test.ts   engine-harness processes (tools/engine)
//   package  *.package.test.ts  npm pack and install
// `npm test` runs them all; `npm run test:unit` the first two; `npm run test:lane -- <name>` one.
// The lane environment (test/support/lane-environment.ts) makes a unit or http file that starts
// what its lane may not fail with the name it needs, and fails any file that leaves a process.
// The real-CLI lane has its own config (jest.pulumi-cli.config.js, npm run test:pulumi-cli).

const os = require("os");

const LANES = ["unit", "http", "host", "engine", "package"];

/** @type {import('jest').Config} */
const base = {
  testEnvironment: "<rootDir>/test/support/lane-environment.ts",
  roots: ["<rootDir>/test"],
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/pulumi-cli/lane/"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
  moduleNameMapper: { "^pulumi-eset-connect$": "<rootDir>/provider/index.ts" },
  // Closes the inspector session Pulumi's closure serializer leaves open, which would keep each
  // test file's modules alive in its worker to the end of the run.
  setupFilesAfterEnv: ["<rootDir>/test/support/close-pulumi-inspector.ts"],
};

/** The project of one lane: its files end in .<lane>.test.ts, unit's in a plain .test.ts. */
function lane(name) {
  const others = LANES.filter((l) => l !== "unit").join("|");
  return {
    ...base,
    displayName: name,
    testEnvironmentOptions: { lane: name },
    testMatch: name === "unit" ? ["**/*.test.ts"] : [`**/*.${name}.test.ts`],
    testPathIgnorePatterns:
      name === "unit"
        ? [...base.testPathIgnorePatterns, `\\.(${others})\\.test\\.ts$`]
        : base.testPathIgnorePatterns,
  };
}

/** @type {import('jest').Config} */
module.exports = {
  projects: LANES.map(lane),
  // Every lane's processes carry this run's mark; the teardown fails the run if one is left.
  globalSetup: "<rootDir>/test/support/global-setup.ts",
  globalTeardown: "<rootDir>/test/support/global-teardown.ts",
  // The slow lanes start first on a clean clone, so no slow file is left for the end.
  testSequencer: "<rootDir>/test/support/test-sequencer.js",
  // One worker more than the machine has cores. Jest's default on a 2-core machine is one worker,
  // but the engine and host files spend much of their time waiting in real time (the provider's
  // backoff under injected faults, the emulator's rate limit, pending answers), and a waiting worker
  // leaves its core idle. Measured on a quiet 2-core machine, clean jest cache, 2026-12-08 (jest
  // alone): 2 workers 273 s, 3 workers 220 s, 4 workers 239 s (more CPU lost to contention).
  maxWorkers: os.availableParallelism() + 1,
  testTimeout: 60000,
};
