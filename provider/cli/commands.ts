/**
 * The three commands. Each reads the live tree with one listing (read-only) and writes its result
 * through the injected output, so tests run them in-process against the emulator. `export` and
 * `plan` also read the tenant's policies and assignments (one listing each) when they need them.
 */
// Pure modules only: the hierarchy index also exports the Pulumi component, which the CLI does not need.
import { count } from "../../shared/text";
import { declareHierarchy } from "../hierarchy/declared";
import { exportHierarchy, hierarchyToYaml } from "../hierarchy/export";
import { shortEntityType } from "../hierarchy/format";
import { LiveTree, type LiveGroup } from "../client/live-tree";
import { deviceListingRoot, planDeletesDevices, withBlastRadius } from "../hierarchy/blast-radius";
import { planHasChanges, planHierarchy, type HierarchyPlan } from "../hierarchy/plan";
import { renderPlan, type PlanFormat } from "../hierarchy/render";
import { parseHierarchyYaml } from "../hierarchy/yaml";
import { policyNamer, type TenantPolicies } from "../hierarchy/policy-data";
import { declaresPolicies, policyUuidsByKey } from "../hierarchy/policy-names";
import { withPolicyChanges } from "../hierarchy/policy-plan";
import type { EsetConnectClient } from "../client";
import { onPremPlanRefusal } from "../client/on-prem";
import type { ProblemTarget, PropertyPath } from "../hierarchy/problems";
import { CliUsageError } from "./connection";
import { pulumiImportFile } from "./pulumi-import";

/** What commands may touch: output streams, files, and the ESET client. */
export interface CommandContext {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): string;
  writeFile(path: string, text: string): void;
  client(): EsetConnectClient;
}

export const EXIT_OK = 0;
export const EXIT_ERROR = 1;
/** `plan` found differences. */
export const EXIT_DIFFERENCES = 2;

async function liveTree(ctx: CommandContext): Promise<LiveTree> {
  return new LiveTree(await ctx.client().listDeviceGroups());
}

/** The tenant's policies, then its assignments: one listing each (paged, 1,000 a page). */
async function tenantPolicies(ctx: CommandContext): Promise<TenantPolicies> {
  const policies = await ctx.client().listPolicies();
  const assignments = await ctx.client().listPolicyAssignments();
  return { policies, assignments };
}

function resolveRoot(live: LiveTree, root: string | undefined): LiveGroup {
  if (root === undefined) return live.root;
  const found = live.resolve(root);
  if (!found) {
    throw new CliUsageError(
      `--root ${JSON.stringify(root)} matches no group; give a group's uuid or its path below All (e.g. "Customers/Europe"); \`eset-connect tree\` lists them`,
    );
  }
  return found;
}

function rootTitle(live: LiveTree, group: LiveGroup): string {
  return live.pathOf(group.uuid) || group.displayName;
}

/** `eset-connect tree`: the live tree, one group a line, with uuids and entity types. */
export async function treeCommand(ctx: CommandContext, options: { root?: string }): Promise<number> {
  const live = await liveTree(ctx);
  const root = resolveRoot(live, options.root);
  const line = (group: LiveGroup, name: string): string => {
    const type = shortEntityType(group.linkedEntityType ?? "GROUP_ENTITY_TYPE_UNSPECIFIED");
    return `${name}  ${group.uuid}${type === "UNSPECIFIED" ? "" : `  ${type}`}`;
  };
  const lines = [line(root, rootTitle(live, root))];
  const visit = (uuid: string, indent: string): void => {
    const children = live.childrenOf(uuid);
    children.forEach((child, index) => {
      const last = index === children.length - 1;
      lines.push(`${indent}${last ? "└── " : "├── "}${line(child, child.displayName)}`);
      visit(child.uuid, indent + (last ? "    " : "│   "));
    });
  };
  visit(root.uuid, "");
  ctx.stdout(`${lines.join("\n")}\n`);
  return EXIT_OK;
}

/** What `eset-connect export` writes: hierarchy YAML, or the file `pulumi import --file` takes. */
export const EXPORT_FORMATS = ["yaml", "pulumi-import"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportCommandOptions {
  /** The group to start from (uuid or path below All). Default: All. */
  root?: string;
  /** Write here instead of standard output. Default: standard output. */
  output?: string;
  /** Read and write each group's policies. Default: true. */
  policies?: boolean;
  /** Default: "yaml". */
  format?: ExportFormat;
}

/**
 * `eset-connect export`: the live tree below the root as hierarchy YAML that adopts every group,
 * or (`--format pulumi-import`) as the file `pulumi import --file` takes to adopt the same groups,
 * and their policies, with the `eset` provider plugin.
 */
export async function exportCommand(ctx: CommandContext, options: ExportCommandOptions): Promise<number> {
  const live = await liveTree(ctx);
  const root = resolveRoot(live, options.root);
  const tenant = options.policies === false ? undefined : await tenantPolicies(ctx);
  const spec = exportHierarchy(live, root.uuid, tenant);
  if (options.format === "pulumi-import") {
    const text = `${JSON.stringify(pulumiImportFile(spec), null, 2)}\n`;
    if (options.output) ctx.writeFile(options.output, text);
    else ctx.stdout(text);
    return EXIT_OK;
  }
  const text = hierarchyToYaml(spec, {
    header: [
      `ESET PROTECT groups under ${rootTitle(live, root)}, written by \`eset-connect export\`.`,
      "Every group is adopted (existingUuid) and has an explicit key, so `pulumi up` creates nothing.",
      "Linked groups (customers, sites...) are anchors: ESET owns them, so they are never renamed, moved or deleted.",
      "To rename or move a group, change its name or place and keep its key: it then changes in place.",
      "Descriptions cannot be read through ESET Connect, so none are exported.",
      ...(tenant
        ? [
            "policies: each group's assignments in rank order (the first wins); a group without policies: keeps",
            'whatever it is assigned, unmanaged ("policies: []" would make it carry none).',
          ]
        : []),
    ],
    parentPath: spec.parent === undefined ? undefined : live.pathOf(root.uuid),
    policyName: tenant ? policyNamer(tenant.policies) : undefined,
  });
  if (options.output) ctx.writeFile(options.output, text);
  else ctx.stdout(text);
  return EXIT_OK;
}

/** Reads `--uuids`: a JSON object key → uuid, or `pulumi stack output --json` holding `uuidsByKey`. */
export function parseKnownUuids(text: string, fileName: string): Record<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CliUsageError(
      `${fileName} is not JSON; write it with \`pulumi stack output uuidsByKey --json\``,
    );
  }
  const record = value as Record<string, unknown> | null;
  const map = record && typeof record === "object" && "uuidsByKey" in record ? record.uuidsByKey : record;
  if (
    map === null ||
    typeof map !== "object" ||
    Array.isArray(map) ||
    Object.values(map).some((uuid) => typeof uuid !== "string")
  ) {
    throw new CliUsageError(
      `${fileName} must be a JSON object of key → uuid; write it with \`pulumi stack output uuidsByKey --json\``,
    );
  }
  return map as Record<string, string>;
}

/**
 * The policies each key's GroupPolicies managed at the last `up`: `policyUuidsByKey` of a whole
 * `pulumi stack output --json` given to `--uuids`; `{}` when the file has none (e.g. only
 * `uuidsByKey`). With them the plan sees a node whose `policies:` was removed from the file.
 */
export function parseKnownPolicies(text: string): Record<string, string[]> {
  const value = JSON.parse(text) as { policyUuidsByKey?: unknown } | null;
  const map = value && typeof value === "object" ? value.policyUuidsByKey : undefined;
  if (map === null || typeof map !== "object" || Array.isArray(map)) return {};
  return Object.fromEntries(
    Object.entries(map as Record<string, unknown>).filter(
      (entry): entry is [string, string[]] =>
        Array.isArray(entry[1]) && entry[1].every((uuid) => typeof uuid === "string"),
    ),
  );
}

export interface PlanCommandOptions {
  format: PlanFormat;
  /**
   * `--uuids FILE`: key → uuid Pulumi recorded, and (from a whole `pulumi stack output --json`)
   * each key's managed policies. Default: none (match by name; a removed `policies:` unseen).
   */
  uuids?: string;
  /** `--fail-on-device-loss`: exit 1 when a removal would delete devices. Default false. */
  failOnDeviceLoss?: boolean;
}

/**
 * On ESET PROTECT On-Prem, the changes of `plan` that `pulumi up` would refuse (a removal, and a
 * retype, which replaces the group): the refusal to print, or undefined when there are none.
 */
function onPremBlockers(plan: HierarchyPlan): string | undefined {
  const removed = plan.changes.filter((c) => c.kind === "remove").map((c) => c.path);
  const retyped = plan.changes.filter((c) => c.kind === "retype").map((c) => c.path);
  return removed.length + retyped.length > 0 ? onPremPlanRefusal(removed, retyped) : undefined;
}

/**
 * `eset-connect plan FILE`: declared vs live; exit 0 when equal, 2 when not, 1 when
 * `failOnDeviceLoss` is set and ESET would delete devices with a removed group, or when the server
 * is ESET PROTECT On-Prem and the plan removes or retypes a group (On-Prem has no group delete).
 * Calls: one group listing; the policies and the assignments (one listing each) when the file
 * declares `policies:` or something is removed; one device listing (below the removals) only when
 * something is removed.
 */
export async function planCommand(
  ctx: CommandContext,
  file: string,
  options: PlanCommandOptions,
): Promise<number> {
  const parsed = parseHierarchyYaml(ctx.readFile(file), file);
  const knownUuids = options.uuids ? parseKnownUuids(ctx.readFile(options.uuids), options.uuids) : undefined;
  const formerPolicies = options.uuids ? parseKnownPolicies(ctx.readFile(options.uuids)) : {};
  const declared = declareHierarchy(parsed.spec);
  const live = await liveTree(ctx);
  const root = declared.parent === undefined ? live.root : live.resolve(declared.parent);
  if (!root) {
    throw new CliUsageError(
      `${parsed.locate(["parent"])}: parent ${JSON.stringify(declared.parent)} matches no group in ESET (neither a uuid nor a path below All); give an existing group's uuid or path, \`eset-connect tree\` lists them`,
    );
  }
  const locate = (path: PropertyPath, target: ProblemTarget) => parsed.locate(path, target);
  let plan = planHierarchy(declared, live, { rootUuid: root.uuid, knownUuids, locate });
  const managesPolicies = declaresPolicies(declared) || Object.keys(formerPolicies).length > 0;
  // Assignments go with a removed group: listed for removals too, so the plan can say which.
  const tenant = managesPolicies || plan.summary.remove > 0 ? await tenantPolicies(ctx) : undefined;
  if (managesPolicies && tenant) {
    plan = withPolicyChanges(
      plan,
      policyUuidsByKey(declared, tenant.policies, locate),
      tenant,
      formerPolicies,
    );
  }
  const listingRoot = deviceListingRoot(plan);
  const devices =
    listingRoot === undefined
      ? []
      : await ctx.client().listGroupDevices(listingRoot, { recurseSubgroups: true });
  plan = withBlastRadius(plan, devices, tenant);
  ctx.stdout(renderPlan(plan, options.format, { source: file }));
  const onPrem = ctx.client().config.serverUrl !== undefined ? onPremBlockers(plan) : undefined;
  if (onPrem) {
    ctx.stderr(`eset-connect: ${onPrem}\n`);
    return EXIT_ERROR;
  }
  if (options.failOnDeviceLoss && planDeletesDevices(plan)) {
    ctx.stderr(
      `eset-connect: the plan deletes ${count(plan.deletesWith?.devices ?? 0, "device")} with the removed groups (--fail-on-device-loss); move them out of those groups in ESET PROTECT, or keep the groups declared\n`,
    );
    return EXIT_ERROR;
  }
  return planHasChanges(plan) ? EXIT_DIFFERENCES : EXIT_OK;
}
