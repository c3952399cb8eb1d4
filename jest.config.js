/** @type {import('jest').Config} */
const base = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  // The real-CLI lane runs with its own config (jest.pulumi-cli.config.js, npm run test:pulumi-cli).
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/pulumi-cli/lane/"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
  moduleNameMapper: { "^pulumi-eset-connect$": "<rootDir>/provider/index.ts" },
  // Closes the inspector session Pulumi's closure serializer leaves open, which would keep each
  // test file's modules alive in its worker to the end of the run.
  setupFilesAfterEnv: ["<rootDir>/test/support/close-pulumi-inspector.ts"],
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    { ...base, displayName: "main" },
    {
      // The lifecycle, chaos and bad-input suites again, against an emulator that answers every user
      // error with 403 as ESET's error_codes page says (test/support/user-error-modes.ts). A subset, to
      // keep CI time: the suites whose calls can meet a user error; chaos with fewer groups.
      ...base,
      displayName: "user errors 403",
      setupFiles: ["<rootDir>/test/support/user-errors-403.ts"],
      testMatch: [
        "<rootDir>/test/resources/group/{create,update,delete,read}.host.test.ts",
        "<rootDir>/test/resources/gpo-sccm-file/provider.host.test.ts",
        "<rootDir>/test/resources/faults.http.test.ts",
        "<rootDir>/test/proof/{chaos,bad-inputs}.test.ts",
      ],
    },
  ],
  // Jest's default on a 2-core machine is one worker, but most suites spend their time waiting on
  // child processes and on the emulator (rate limits, pending answers): two workers halve the wall
  // time without starving either.
  maxWorkers: 2,
  testTimeout: 60000,
};
