// The order in which jest starts test files (jest.config.js `testSequencer`).
//
// Jest starts the files it knows to be slow first, from the timings it keeps in its cache after a
// run. A clean clone has no cache, and then jest orders by file size, which says little here: a
// short engine file can run for a minute while a long unit file takes a second. With two workers,
// a slow file that starts last is a tail the other worker waits through. So without a timing for
// every file, the slow lanes go first (engine, then host, package, http, unit), each by size; with
// one, jest's own order is kept (failed files first, then the slowest).
// Plain JavaScript: jest loads the sequencer without its transform.
const Sequencer = require("@jest/test-sequencer").default;

/** Lanes from the slowest files to the fastest (the projects of jest.config.js). */
const LANE_ORDER = ["engine", "host", "package", "http", "unit"];

/** @param {import("@jest/test-result").Test} test */
function laneRank(test) {
  const rank = LANE_ORDER.indexOf(test.context.config.displayName?.name ?? "unit");
  return rank < 0 ? LANE_ORDER.length : rank;
}

class SlowLanesFirst extends Sequencer {
  /** @param {import("@jest/test-result").Test[]} tests */
  sort(tests) {
    const everyFileTimed = tests.every((test) => this._getCache(test)[test.path]?.[1] > 0);
    if (everyFileTimed) return super.sort(tests);
    /** @param {import("@jest/test-result").Test} test */
    const size = (test) => test.context.hasteFS.getSize(test.path) ?? 0;
    return [...tests].sort((a, b) => laneRank(a) - laneRank(b) || size(b) - size(a));
  }
}

module.exports = SlowLanesFirst;
