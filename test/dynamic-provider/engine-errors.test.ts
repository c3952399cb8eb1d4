// What a provider method's error looks like on its way to the engine: the SDK's provider host
// writes `${error}: ${error.stack}` to stderr, which the CLI shows under the stack resource.
import { forEngine, reportingToEngine, STACK_HINT } from "../../provider/dynamic-provider/engine-errors";

/** The line the SDK's dynamic-provider host writes for a failed call. */
const echo = (e: Error) => `${e}: ${e.stack}`;

describe("errors on their way to the engine", () => {
  it("keep their message, lose our modules' frames for a hint, and keep what a partial failure carries", async () => {
    const methods = reportingToEngine({
      name: "provider",
      async create(this: { name: string }) {
        throw Object.assign(new Error(`refused by ${this.name}`), { id: "uuid-1", properties: { a: 1 } });
      },
    });
    const error = (await methods.create().catch((e: unknown) => e)) as Error & {
      id: string;
      properties: object;
    };
    expect(error.message).toBe("refused by provider");
    expect([error.id, error.properties]).toEqual(["uuid-1", { a: 1 }]);
    expect(echo(error)).toBe(`Error: refused by provider: ${STACK_HINT}`);
    expect(echo(error)).not.toMatch(/\n\s+at /);
  });

  it("keep their stack when traces are asked for (ESET_CONNECT_DEBUG=1)", () => {
    const error = forEngine(new Error("boom"), { ESET_CONNECT_DEBUG: "1" }) as Error;
    expect(error.stack).toMatch(/\n\s+at /);
  });

  it("pass values and non-errors through unchanged", async () => {
    const methods = reportingToEngine({
      async read() {
        return { id: "x" };
      },
      async fail() {
        throw "not an Error";
      },
    });
    await expect(methods.read()).resolves.toEqual({ id: "x" });
    await expect(methods.fail()).rejects.toBe("not an Error");
  });
});
