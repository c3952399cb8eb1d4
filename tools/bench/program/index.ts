// The program `npm run bench` and the proof tests deploy: one Group per node of the declared tree
// (a JSON file named by config `bench:tree`, written by tools/bench/tree.ts), each named after its
// key and parented by uuid, exactly the resources the Hierarchy component declares for the same
// tree; and, for the keys listed in config `bench:installers` (comma-separated, default none), a
// GpoSccmFile whose devices join that group. Connection settings come from the stack config
// (eset:endpoint, eset:username, secret eset:password) or the ESET_CONNECT_* environment.
import * as fs from "fs";
import * as pulumi from "@pulumi/pulumi";
import type { DeclaredTree } from "../tree";

// The installed package, as a user's program loads it; typed from the sources, so that building
// this repository does not read its own dist/ as input.
const { Group, GpoSccmFile } = require("pulumi-eset-connect") as typeof import("../../../provider");
type Group = InstanceType<typeof Group>;

const ALL_GROUP_UUID = "00000000-0000-0000-7001-000000000001";

const config = new pulumi.Config("bench");
const tree = JSON.parse(fs.readFileSync(config.require("tree"), "utf8")) as DeclaredTree;

const groups = new Map<string, Group>();
for (const node of tree.nodes) {
  const parent = node.parentKey === undefined ? undefined : groups.get(node.parentKey);
  if (node.parentKey !== undefined && !parent) {
    throw new Error(`bench:tree: ${node.key} is listed before its parent ${node.parentKey}`);
  }
  groups.set(
    node.key,
    new Group(node.key, {
      displayName: node.name,
      parentGroupUuid: parent ? parent.uuid : ALL_GROUP_UUID,
      linkedEntityType: node.linkedEntityType,
    }),
  );
}

for (const key of (config.get("installers") ?? "").split(",").filter((k) => k !== "")) {
  const group = groups.get(key);
  if (!group) throw new Error(`bench:installers: no group with key ${key}`);
  new GpoSccmFile(`${key}-installer`, { securityGroupUuid: group.uuid });
}

export const groupCount = groups.size;
