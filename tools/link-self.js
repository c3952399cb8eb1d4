#!/usr/bin/env node
// Makes `require("pulumi-eset-connect")` resolve to this checkout, as it does in a user's project
// where the package is installed from npm. The serialized dynamic provider stored in Pulumi state
// only requires the package by name, and the dynamic-provider host resolves it from the program's
// folder upwards; the examples and tests in this repository rely on this link to find it.
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const link = path.join(root, "node_modules", "pulumi-eset-connect");
// Inside another project's node_modules there is nothing to link.
if (root.split(path.sep).includes("node_modules")) process.exit(0);
fs.mkdirSync(path.dirname(link), { recursive: true });
try {
  const target = fs.readlinkSync(link);
  if (path.resolve(path.dirname(link), target) === root) process.exit(0);
  fs.rmSync(link, { recursive: true, force: true });
} catch {
  // No link yet.
}
fs.symlinkSync(path.relative(path.dirname(link), root), link, "dir");
