// `npm run test:pulumi-cli`: the real-CLI lane (docs/pulumi-cli.md). Separate from `npm test`,
// which needs only Node: this lane needs the Pulumi CLI (built from Go by `npm run pulumi-cli:bin`).
// The Node lanes' settings (one project's, without `projects`, which would override `roots` and
// run all of `npm test` instead of the lane), with this lane's folder and global setup.
const { projects, globalSetup: _setup, ...shared } = require("./jest.config.js");
const { displayName: _name, testMatch: _match, testPathIgnorePatterns: _ignored, ...base } = projects[0];

/** @type {import('jest').Config} */
module.exports = {
  ...shared,
  ...base,
  displayName: "pulumi-cli",
  testEnvironmentOptions: { lane: "pulumi-cli" },
  roots: ["<rootDir>/test/pulumi-cli/lane"],
  testMatch: ["**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/"],
  // Builds or finds the CLI, and marks the run as the Node lanes' global setup does.
  globalSetup: "<rootDir>/test/pulumi-cli/lane/global-setup.ts",
  // Every test drives child processes that take most of a core: one file at a time.
  maxWorkers: 1,
};
