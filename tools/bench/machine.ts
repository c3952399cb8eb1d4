/** The machine and the versions a benchmark ran with, for the report. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { repoRoot } from "./engine";

export interface MachineInfo {
  date: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  pulumiSdk: string;
  packageVersion: string;
}

function versionOf(manifest: string): string {
  try {
    return (JSON.parse(fs.readFileSync(manifest, "utf8")) as { version: string }).version;
  } catch {
    return "unknown";
  }
}

export function machineInfo(now: Date = new Date()): MachineInfo {
  const root = repoRoot();
  return {
    date: now.toISOString().slice(0, 10),
    cpu: os.cpus()[0]?.model.trim() ?? "unknown",
    cores: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    node: process.version,
    pulumiSdk: versionOf(path.join(root, "node_modules", "@pulumi", "pulumi", "package.json")),
    packageVersion: versionOf(path.join(root, "package.json")),
  };
}
