/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  // The real-CLI lane runs with its own config (jest.pulumi-cli.config.js, npm run test:pulumi-cli).
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/pulumi-cli/lane/"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
  moduleNameMapper: { "^pulumi-eset-connect$": "<rootDir>/provider/index.ts" },
  testTimeout: 60000,
  // Jest's default on a 2-core machine is one worker, but most suites spend their time waiting on
  // child processes and on the emulator (rate limits, pending answers): two workers halve the wall
  // time without starving either.
  maxWorkers: 2,
};
