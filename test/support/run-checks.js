// `npm test`'s checks before jest, at once: `node test/support/run-checks.js <command>...`, each
// command a shell command line. Each one is a single process of 10 to 20 s of CPU (eslint,
// prettier, the type-check, the build), so on two cores they take about half the time they take
// one after another. Each command's output is printed whole when it ends, so outputs never mix; the
// exit code is 1 when any command failed, after all have ended.
// Plain JavaScript: it runs before the build.
"use strict";
const { spawn } = require("child_process");

/** @param {string} command */
function run(command) {
  return new Promise((resolve) => {
    const child = spawn(command, { shell: true, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("close", (code, signal) => {
      const failed = code !== 0;
      const status = failed ? `failed (${signal ?? `exit code ${code}`})` : "passed";
      process.stdout.write(`> ${command}: ${status}\n${output}`);
      resolve(!failed);
    });
  });
}

async function main() {
  const commands = process.argv.slice(2);
  const passed = await Promise.all(commands.map(run));
  process.exitCode = passed.every(Boolean) ? 0 : 1;
}

void main();
