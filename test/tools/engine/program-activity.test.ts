// What keeps a program's process alive, as the harness judges it (tools/engine/program-activity.ts):
// its own ref'd timers, sockets and file requests, and monitor calls not answered yet; not an
// unref'd timer, nor what the engine starts while answering.
import * as fs from "fs";
import { ProgramActivity } from "../../../tools/engine/program-activity";

const turn = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

let activity: ProgramActivity;
beforeEach(() => (activity = new ProgramActivity()));
afterEach(() => activity.stop());

it("is busy while the program's timer is pending, idle once it has fired", async () => {
  let fired = false;
  activity.runProgram(() => setTimeout(() => (fired = true), 50));
  expect(activity.idle()).toBe(false);
  await turn(100);
  expect(fired).toBe(true);
  expect(activity.idle()).toBe(true);
});

it("does not count an unref'd timer, nor timers started outside the program", async () => {
  activity.runProgram(() => setTimeout(() => undefined, 10_000).unref());
  const outside = setTimeout(() => undefined, 10_000);
  await turn();
  expect(activity.idle()).toBe(true);
  clearTimeout(outside);
});

it("is busy while the program's file request is in flight", async () => {
  const read = activity.runProgram(() => fs.promises.readFile(__filename, "utf8"));
  expect(activity.idle()).toBe(false);
  await read;
  await turn();
  expect(activity.idle()).toBe(true);
});

it("is busy until the monitor answers, and the engine's work for a request is not the program's", async () => {
  let answer: () => void = () => undefined;
  const monitor = activity.wrapMonitor({
    registerResource(_req: unknown, callback: (error: Error | null) => void) {
      // The engine's own timer, started while handling the request: not the program's.
      setTimeout(() => undefined, 10_000).unref();
      const engineTimer = setTimeout(() => undefined, 10_000);
      answer = () => {
        clearTimeout(engineTimer);
        callback(null);
      };
    },
  });
  const answered = activity.runProgram(
    () => new Promise<void>((resolve) => monitor.registerResource({}, () => resolve())),
  );
  expect(activity.idle()).toBe(false);
  answer();
  await answered;
  expect(activity.idle()).toBe(true);
});
