// An MSP's group tree declared in hierarchy.yaml (static groups below the customer and site groups
// ESET created, referred to as anchors, and the policies each customer and its servers carry), plus
// one GPO/SCCM installer file per site so devices installed with it land in the right group.
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { GpoSccmFile, Hierarchy } from "pulumi-eset-connect";

// Next to this program, wherever it is run from (the repository's demo project runs it from the root).
const msp = new Hierarchy("msp", { file: path.join(__dirname, "hierarchy.yaml") });

// The sites are the anchors below a customer's anchor.
const sites = msp.declared.all.filter((node) => node.anchor && node.parentKey !== undefined);
const installers = sites.map(
  (site) =>
    [
      site.path,
      new GpoSccmFile(`${site.key}-installer`, {
        securityGroupUuid: msp.anchors[site.key].uuid,
        sendAnonymousDiagnosticData: false,
      }),
    ] as const,
);

/** Key → uuid: `eset-connect plan hierarchy.yaml --uuids <(pulumi stack output uuidsByKey --json)`. */
export const uuidsByKey = msp.uuidsByKey;
export const uuidsByPath = msp.uuidsByPath;
/** Key → the policy uuids each customer and Servers group carries, rank 1 first. */
export const policyUuidsByKey = msp.policyUuidsByKey;
/** Fingerprint of each site's installer file (the file itself is a secret output). */
export const installerSha256 = pulumi.all(
  Object.fromEntries(installers.map(([path, file]) => [path, file.sha256])),
);
