/**
 * Runs Pulumi programs inside a test file against Pulumi's mocks (no engine, no provider host), and
 * records every resource registered, with what the engine would act on but the mock's
 * `MockResourceArgs` leaves out: the parent's URN and the `additionalSecretOutputs` and `protect` options.
 */
import * as pulumi from "@pulumi/pulumi";
import { MockMonitor, type MockResourceArgs } from "@pulumi/pulumi/runtime/mocks";

export interface RegisteredResource extends MockResourceArgs {
  /** URN of the parent resource; "" when the resource has none (the stack is then its parent). */
  parent: string;
  /** The `additionalSecretOutputs` resource option; [] when not set. */
  additionalSecretOutputs: string[];
  /** The `protect` resource option as sent (a child inherits its parent's); false when not set. */
  protect: boolean;
}

interface RegisterRequest {
  getName(): string;
  getParent(): string;
  getAdditionalsecretoutputsList(): string[];
  getProtect(): boolean | undefined;
}

/**
 * Installs the mocks for this test file (beforeAll; the spy is removed in afterAll) and returns the
 * list every registration is appended to, in order; a test may empty it. Each resource gets the
 * id `id-of-<name>` and, as its state, its inputs plus `outputs(args)` (what the real provider would
 * add, such as a uuid).
 */
export function useMockedPulumi(
  outputs: (args: MockResourceArgs) => Record<string, unknown>,
): RegisteredResource[] {
  const registered: RegisteredResource[] = [];
  const requests = new Map<string, RegisterRequest>();
  beforeAll(async () => {
    const register = MockMonitor.prototype.registerResource;
    jest.spyOn(MockMonitor.prototype, "registerResource").mockImplementation(function (
      this: MockMonitor,
      req: RegisterRequest,
      callback: (err: unknown, res: unknown) => void,
    ) {
      requests.set(req.getName(), req);
      return register.call(this, req, callback);
    });
    await pulumi.runtime.setMocks({
      newResource(args) {
        const req = requests.get(args.name);
        registered.push({
          ...args,
          parent: req?.getParent() ?? "",
          additionalSecretOutputs: req?.getAdditionalsecretoutputsList() ?? [],
          protect: req?.getProtect() ?? false,
        });
        const state = { ...args.inputs, ...outputs(args) };
        // A Group's id is its uuid (the provider's create returns it as both), and Group.uuid reads the id.
        const id = typeof state.uuid === "string" ? state.uuid : `id-of-${args.name}`;
        return { id, state };
      },
      call: () => ({}),
    });
  });
  afterAll(() => jest.restoreAllMocks());
  return registered;
}

/** The value of an output, once known. */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}
