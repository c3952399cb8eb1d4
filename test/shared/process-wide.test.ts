import { processWide } from "../../shared/process-wide";

describe("processWide", () => {
  test("makes the value once and finds it under the Symbol.for key other copies use", () => {
    let made = 0;
    const first = processWide("test.processWide.v1", () => ({ made: ++made }));
    const again = processWide("test.processWide.v1", () => ({ made: ++made }));
    expect(again).toBe(first);
    expect(made).toBe(1);
    const holder = globalThis as unknown as Record<symbol, unknown>;
    expect(holder[Symbol.for("pulumi-eset-connect.test.processWide.v1")]).toBe(first);
  });
});
