// Issue 12: four stacks of one account deployed at once (a CI matrix), each its own engine
// process with its own client, none seeing the others, against one emulator at ESET's 10
// calls/s per account. Every stack finishes with its tree, and the adaptive limit keeps the share
// of calls answered 429 bounded. Not timed: the benchmark (npm run bench -- --stacks) measures speed.
import { runStacksBenchmark } from "../../tools/bench/stacks";
import { assertBuilt, RUN_TIMEOUT_MS } from "./run-engine";

beforeAll(() => assertBuilt({ provider: true }));
jest.setTimeout(3 * RUN_TIMEOUT_MS);

it("4 stacks × 16 groups at 10 calls/s all finish, with at most a quarter of the calls answered 429", async () => {
  const [result] = await runStacksBenchmark({ counts: [4], groupsPerStack: 16 });
  const failures = result.runs.filter((r) => r.error).map((r) => `${r.stack}: ${r.error}`);
  expect(failures).toEqual([]);
  expect(result.finished).toBe(4);
  expect(result.rateLimited / result.calls).toBeLessThanOrEqual(0.25);
  // Every 429 was retried and announced on stderr (one line per retry).
  expect(result.runs.reduce((sum, r) => sum + r.retryLines, 0)).toBeGreaterThanOrEqual(result.rateLimited);
});
