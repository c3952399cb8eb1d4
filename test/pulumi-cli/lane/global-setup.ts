// Once per lane run: the folder holding `pulumi`, `pulumi-language-nodejs` and
// `pulumi-resource-pulumi-nodejs` (`npm run --silent pulumi-cli:bin`, which builds what is missing),
// handed to the tests in PULUMI_CLI_BIN; and the run's mark, as in the Node lanes (test/support/test-run.ts).
import { execFileSync } from "child_process";
import * as path from "path";
import { startTestRun } from "../../support/test-run";

export default function globalSetup(): void {
  startTestRun();
  const repo = path.resolve(__dirname, "..", "..", "..");
  const out = execFileSync("npm", ["run", "--silent", "pulumi-cli:bin"], {
    cwd: repo,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = out.trim().split("\n");
  process.env.PULUMI_CLI_BIN = lines[lines.length - 1];
}
