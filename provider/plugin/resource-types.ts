/**
 * The plugin's type tokens (`<package>:<module>:<type>`, as the schema declares them) and, for each,
 * the kind of dynamic-provider implementation that serves it.
 */
export const PACKAGE_NAME = "eset";

export const GROUP = "eset:index:Group";
export const GROUP_ANCHOR = "eset:index:GroupAnchor";
export const GPO_SCCM_FILE = "eset:index:GpoSccmFile";
export const GROUP_POLICIES = "eset:index:GroupPolicies";
export const POLICY_ANCHOR = "eset:index:PolicyAnchor";
export const HIERARCHY = "eset:index:Hierarchy";

/** Kinds as `install` (provider/dynamic-provider/host.ts) names them. */
export const KIND_OF_TYPE: Readonly<
  Record<string, "group" | "groupAnchor" | "gpoSccmFile" | "groupPolicies" | "policyAnchor">
> = {
  [GROUP]: "group",
  [GROUP_ANCHOR]: "groupAnchor",
  [GPO_SCCM_FILE]: "gpoSccmFile",
  [GROUP_POLICIES]: "groupPolicies",
  [POLICY_ANCHOR]: "policyAnchor",
};

/** Outputs that are secret whatever the inputs were (the dynamic GpoSccmFile's default too). */
export const SECRET_OUTPUTS: Readonly<Record<string, readonly string[]>> = {
  [GPO_SCCM_FILE]: ["gpoSccmFile", "content"],
};

/** The parts of a URN: `urn:pulumi:<stack>::<project>::<qualified type>::<name>`. */
export function parseUrn(urn: string): { stack: string; project: string; type: string; name: string } {
  const parts = urn.split("::");
  if (parts.length < 4 || !parts[0].startsWith("urn:pulumi:")) throw new Error(`not a Pulumi URN: ${urn}`);
  const qualified = parts[2];
  return {
    stack: parts[0].slice("urn:pulumi:".length),
    project: parts[1],
    type: qualified.slice(qualified.lastIndexOf("$") + 1),
    // A name may itself contain "::".
    name: parts.slice(3).join("::"),
  };
}
