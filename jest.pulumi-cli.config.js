// `npm run test:pulumi-cli`: the real-CLI lane (docs/pulumi-cli.md). Separate from `npm test`,
// which needs only Node: this lane needs the Pulumi CLI (built from Go by `npm run pulumi-cli:bin`).
const base = require("./jest.config.js");

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ["<rootDir>/test/pulumi-cli/lane"],
  testPathIgnorePatterns: ["/node_modules/"],
  globalSetup: "<rootDir>/test/pulumi-cli/lane/global-setup.ts",
  // Every test drives child processes that take most of a core: one file at a time.
  maxWorkers: 1,
};
