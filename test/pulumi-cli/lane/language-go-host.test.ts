// The Go language host's own rules (tools/pulumi-cli/language-go/*_test.go: how a program's exit
// reaches the engine, the environment the Go SDK reads, the runtime options, Link's replace
// directive), run with `go test` in the CLI's module: the lane is where Go is.
import { spawnSync } from "child_process";
import * as path from "path";
import { REPO } from "../../engine/run-engine";

jest.setTimeout(10 * 60_000);

test("go test ./language-go passes", () => {
  const r = spawnSync("go", ["test", "./language-go"], {
    cwd: path.join(REPO, "tools", "pulumi-cli"),
    encoding: "utf8",
  });
  expect(r.status === 0 ? "" : `${r.stdout}${r.stderr}`).toBe(""); // go test's report
});
