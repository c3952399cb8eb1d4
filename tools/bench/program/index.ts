// The program `npm run bench` and the proof tests deploy: a Hierarchy built from the hierarchy
// YAML named by config `bench:tree` (written by tools/bench/tree.ts), one Group per node named
// after its key; and, for the keys listed in config `bench:installers` (comma-separated, default
// none), a GpoSccmFile whose devices join that group. Connection settings come from the stack
// config (eset:endpoint, eset:username, secret eset:password) or the ESET_CONNECT_* environment.
import * as pulumi from "@pulumi/pulumi";

// The installed package, as a user's program loads it; typed from the sources, so that building
// this repository does not read its own dist/ as input.
const { Hierarchy, GpoSccmFile } = require("pulumi-eset-connect") as typeof import("../../../provider");

const config = new pulumi.Config("bench");
const tree = new Hierarchy("tree", { file: config.require("tree") });

for (const key of (config.get("installers") ?? "").split(",").filter((k) => k !== "")) {
  const group = tree.groups[key];
  if (!group) throw new Error(`bench:installers: no group with key ${key}`);
  new GpoSccmFile(`${key}-installer`, { securityGroupUuid: group.uuid });
}

export const groupCount = Object.keys(tree.groups).length;
