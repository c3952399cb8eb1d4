/**
 * Finds the processes a test started, by a variable in their environment: a child inherits its
 * parent's environment, so a mark set before a test starts anything reaches everything below it
 * (emulator CLIs, provider hosts, engines, language hosts, the real CLI's plugins), even a process
 * whose parent is gone and that no longer shows in any process tree. Linux only (/proc); elsewhere
 * nothing is found.
 */
import * as fs from "fs";

/** What a test started, for a failure message. */
export interface StartedProcess {
  pid: number;
  /** Its command line, shortened. */
  command: string;
  /** The test file that started it (ESET_TEST_FILE in its environment), when known. */
  testFile?: string;
}

/** A variable a test run puts in the environment of what it starts: name and value. */
export type Mark = Record<string, string>;

/** Every process but this one whose environment holds each variable of `mark`, zombies left out. */
export function processesMarked(mark: Mark): StartedProcess[] {
  if (process.platform !== "linux") return [];
  const wanted = Object.entries(mark).map(([name, value]) => `${name}=${value}`);
  const found: StartedProcess[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    const env = readProc(pid, "environ")?.split("\0");
    if (!env || !wanted.every((w) => env.includes(w)) || isZombie(pid)) continue;
    const command = (readProc(pid, "cmdline") ?? "").split("\0").filter(Boolean).join(" ");
    const testFile = env.find((v) => v.startsWith("ESET_TEST_FILE="))?.slice("ESET_TEST_FILE=".length);
    found.push({ pid, command: command.length > 200 ? `${command.slice(0, 200)}…` : command, testFile });
  }
  return found;
}

/**
 * The processes with `mark` (but those `ignored`) that are still there after `graceMs` (a process
 * told to stop a moment ago may still be exiting).
 */
export async function processesLeft(
  mark: Mark,
  {
    graceMs = 3000,
    ignored = () => false,
  }: { graceMs?: number; ignored?: (p: StartedProcess) => boolean } = {},
): Promise<StartedProcess[]> {
  const until = Date.now() + graceMs;
  const list = () => processesMarked(mark).filter((p) => !ignored(p));
  let left = list();
  while (left.length > 0 && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    left = list();
  }
  return left;
}

/** Kills each process (SIGKILL: it had its chance to stop); one already gone is no error. */
export function killProcesses(processes: StartedProcess[]): void {
  for (const p of processes) {
    try {
      process.kill(p.pid, "SIGKILL");
    } catch {
      // Exited between the listing and now.
    }
  }
}

/** One line per process, for a failure message. */
export function describeProcesses(processes: StartedProcess[]): string {
  return processes
    .map((p) => `  pid ${p.pid}: ${p.command}${p.testFile ? `\n    started by ${p.testFile}` : ""}`)
    .join("\n");
}

function readProc(pid: number, file: string): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/${file}`, "utf8");
  } catch {
    // Gone, or not ours to read.
    return undefined;
  }
}

function isZombie(pid: number): boolean {
  // /proc/<pid>/stat: "pid (command) state ...": the command may hold spaces and parentheses.
  const stat = readProc(pid, "stat");
  return stat === undefined || stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z");
}
