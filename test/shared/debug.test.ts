import { debugRequested } from "../../shared/debug";
import { wantsStackTraces } from "../../shared/command-process";

describe("ESET_CONNECT_DEBUG, one rule for every reader", () => {
  test.each([
    [undefined, false],
    ["", false],
    ["0", false],
    ["false", false],
    [" FALSE ", false],
    ["no", false],
    ["off", false],
    ["1", true],
    ["true", true],
    [" True ", true],
    ["yes", true],
  ])("ESET_CONNECT_DEBUG=%p turns debugging %p", (value, on) => {
    const env = value === undefined ? {} : { ESET_CONNECT_DEBUG: value };
    expect(debugRequested(env)).toBe(on);
    expect(wantsStackTraces([], env)).toBe(on);
  });

  test("--debug asks for stack traces whatever the variable says", () => {
    expect(wantsStackTraces(["--debug"], { ESET_CONNECT_DEBUG: "0" })).toBe(true);
  });
});
