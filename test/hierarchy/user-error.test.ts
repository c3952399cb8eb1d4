// The errors a Hierarchy raises for the user's own mistakes: RunErrors (the runtime prints their
// message alone) whose stack is that message, without frames, so that the runtime's colour
// formatting of every unhandled error (util.inspect) has no frame to loop on (user-error.ts).
import * as util from "util";
import * as pulumi from "@pulumi/pulumi";
import { parseClientConfig } from "../../provider/client";
import {
  asHierarchyUserError,
  hierarchyUserError,
  unknownParentError,
} from "../../provider/hierarchy/user-error";

describe("unknownParentError", () => {
  const error = unknownParentError("hierarchy.yaml:17:9", "Northwnd IT");

  it("names the place, the parent and the fix, as a RunError", () => {
    expect(pulumi.RunError.isInstance(error)).toBe(true);
    expect(error.message).toBe(
      'hierarchy.yaml:17:9: parent "Northwnd IT" matches no group in ESET (neither a uuid nor a path below All); give an existing group\'s uuid or path, `eset-connect tree` lists them',
    );
  });

  it("has a stack of its message alone, without frames", () => {
    expect(error.stack).toBe(`Error: ${error.message}`);
  });
});

describe("hierarchyUserError", () => {
  it("keeps no frame even when raised where the SDK's own frames are on the stack", async () => {
    // An apply's callback runs below the SDK's applyHelperAsync (node_modules/@pulumi/output.ts once
    // source-mapped): the frame Node's colour formatting loops on.
    const raised = await new Promise<unknown>((resolve) => {
      pulumi.output("x").apply(() => {
        const e = hierarchyUserError("Acme: policies[0] matches no policy in ESET");
        resolve(e);
        return e.message;
      });
    });
    const e = raised as Error;
    expect(e.stack).toBe("Error: Acme: policies[0] matches no policy in ESET");
    // What the runtime does with every unhandled error (@pulumi/pulumi cmd/run/error.ts).
    expect(util.inspect(e, { colors: true })).not.toMatch(/\n\s+at /);
  });
});

describe("asHierarchyUserError", () => {
  it("turns a missing setting into a frameless RunError with the same message", () => {
    let config: unknown;
    try {
      parseClientConfig({ endpoint: "http://127.0.0.1:1", password: "p" });
    } catch (e) {
      config = e;
    }
    const user = asHierarchyUserError(config) as Error;
    expect(pulumi.RunError.isInstance(user)).toBe(true);
    expect(user.message).toBe((config as Error).message);
    expect(user.message).toContain("username: missing");
    expect(user.stack).toBe(`Error: ${user.message}`);
  });

  it("leaves any other error as it is", () => {
    const other = new Error("socket hang up");
    expect(asHierarchyUserError(other)).toBe(other);
  });
});
