// `npm run test:pulumi-cli`: the real-CLI lane (docs/pulumi-cli.md). Separate from `npm test`,
// which needs only Node: this lane needs the Pulumi CLI (built from Go by `npm run pulumi-cli:bin`).
// The main project's settings only: spreading the whole config would bring its `projects` along,
// which override `roots` and run all of `npm test` instead of the lane.
const { projects, ...shared } = require("./jest.config.js");
const { displayName: _name, ...base } = projects.find((p) => p.displayName === "main");

/** @type {import('jest').Config} */
module.exports = {
  ...shared,
  ...base,
  roots: ["<rootDir>/test/pulumi-cli/lane"],
  testPathIgnorePatterns: ["/node_modules/"],
  globalSetup: "<rootDir>/test/pulumi-cli/lane/global-setup.ts",
  // Every test drives child processes that take most of a core: one file at a time.
  maxWorkers: 1,
};
