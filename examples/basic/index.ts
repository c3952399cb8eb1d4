// Three levels of groups under "All" (EMEA → Germany → Berlin) and the GPO/SCCM installer file
// that enrols devices into Berlin.
import * as pulumi from "@pulumi/pulumi";
import { GpoSccmFile, Group } from "pulumi-eset-connect";

/** The top-level group every tenant has. */
const ALL_GROUP_UUID = "00000000-0000-0000-7001-000000000001";

const emea = new Group("emea", {
  displayName: "EMEA",
  parentGroupUuid: ALL_GROUP_UUID,
  // Set at creation only: ESET cannot change or read it back afterwards.
  description: "Europe, Middle East and Africa",
});

const germany = new Group("germany", {
  displayName: "Germany",
  parentGroupUuid: emea.uuid,
});

const berlin = new Group("berlin", {
  displayName: "Berlin",
  parentGroupUuid: germany.uuid,
  // Devices land here by hand as well; destroying the stack must not delete them silently.
  forceDestroy: false,
});

const berlinInstaller = new GpoSccmFile("berlin-installer", {
  securityGroupUuid: berlin.uuid,
  // Change the value to generate a new file.
  triggers: { rotation: "2024-06" },
});

export const groupUuids = { emea: emea.uuid, germany: germany.uuid, berlin: berlin.uuid };
/** The installer file itself is a secret output: `pulumi stack output berlinInstallerFile --show-secrets`. */
export const berlinInstallerFile = berlinInstaller.gpoSccmFile;
export const berlinInstallerSha256 = berlinInstaller.sha256;
export const berlinPath = pulumi.interpolate`All / EMEA / Germany / ${berlin.displayName}`;
