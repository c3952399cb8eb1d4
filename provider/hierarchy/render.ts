/**
 * The plan as text (terminal), Markdown (a pull-request comment, with a Mermaid picture), Mermaid
 * alone and JSON (machines). Text and Markdown draw the tree with a marker column first — `+`
 * create, `-` delete, `~` rename, `→` move, `!` entity type change, `?` in ESET but not declared,
 * `*` policy assignments added, removed or reordered — and leave out subtrees with no change. A
 * removal says what ESET deletes with it once the devices are known (`withBlastRadius`).
 */
import { count, firstNames } from "../../shared/text";
import { shortEntityType } from "./format";
import { renderPlanMermaid } from "./mermaid";
import type { HierarchyPlan, PlanChange, PlanChangeKind, PlanNode } from "./plan";
import { droppedAssignmentsText, policyChangeText, policySummary } from "./policy-render";

export type PlanFormat = "text" | "markdown" | "mermaid" | "json";
export const PLAN_FORMATS: readonly PlanFormat[] = ["text", "markdown", "mermaid", "json"];

export interface RenderOptions {
  /** Names the declared hierarchy in headings, e.g. `hierarchy.yaml`. Default: `the hierarchy`. */
  source?: string;
}

const MARKERS: Record<PlanChangeKind, string> = {
  create: "+",
  remove: "-",
  rename: "~",
  move: "→",
  retype: "!",
  unmanaged: "?",
  policies: "*",
};

const SUMMARY_WORDS: Record<PlanChangeKind, string> = {
  create: "to create",
  remove: "to delete",
  rename: "to rename",
  move: "to move",
  retype: "to replace (entity type)",
  unmanaged: "not declared",
  policies: "with policy changes",
};

/** `; ESET deletes with it 2 devices ("a", "b") and 1 undeclared group (Old/Temp)`, or nothing. */
function deletesWithText(change: Extract<PlanChange, { kind: "remove" }>): string {
  const inside = change.deletesWith;
  if (!inside) return "";
  const { devices, groups } = inside;
  const assignments = inside.assignments ?? [];
  const dropped =
    assignments.length > 0 ? `; its ${droppedAssignmentsText(assignments, change.uuid)} go with it` : "";
  if (devices.length === 0 && groups.length === 0) return `; it holds no devices${dropped}`;
  const parts = [
    devices.length > 0
      ? `${count(devices.length, "device")} (${firstNames(devices.map((d) => d.displayName || d.uuid))})`
      : "",
    groups.length > 0
      ? `${count(groups.length, "undeclared group")} (${firstNames(groups.map((g) => g.displayName))})`
      : "",
  ].filter(Boolean);
  return `; ESET deletes with it ${parts.join(" and ")}${dropped}`;
}

function detail(change: PlanChange, removedAbove: string | undefined): string {
  switch (change.kind) {
    case "create":
      if (change.conflictUuid) {
        return ` (a group with this name already exists here, ${change.conflictUuid}: the create will fail; adopt it with existingUuid)`;
      }
      return change.missingUuid ? ` (its group ${change.missingUuid} no longer exists in ESET)` : "";
    case "rename":
      return "";
    case "move":
      return ` (from ${change.fromPath} → ${change.toPath})`;
    case "retype":
      return ` (linkedEntityType ${shortEntityType(change.from)} → ${shortEntityType(change.to)})`;
    case "remove":
      return ` (no longer declared: key ${change.formerKey}, ${change.uuid}${deletesWithText(change)})`;
    case "unmanaged":
      return removedAbove !== undefined
        ? ` (in ESET, not declared: ${change.uuid}; deleted with ${removedAbove})`
        : ` (in ESET, not declared: ${change.uuid})`;
    case "policies":
      return ` (${policyChangeText(change)})`;
  }
}

function label(node: PlanNode, removedAbove: string | undefined): string {
  const rename = node.changes.find((change) => change.kind === "rename");
  const name = rename ? `${rename.from} → ${rename.to}` : node.name;
  const anchor = node.anchor ? " (anchor)" : "";
  return name + anchor + node.changes.map((change) => detail(change, removedAbove)).join("");
}

/** An undeclared group below a removal is deleted with it: marked `-` so a reviewer sees it. */
function marker(node: PlanNode, removedAbove: string | undefined): string {
  return node.changes
    .map((change) => (change.kind === "unmanaged" && removedAbove !== undefined ? "-" : MARKERS[change.kind]))
    .join("");
}

function hasChange(node: PlanNode): boolean {
  return node.changes.length > 0 || node.children.some(hasChange);
}

/** The tree lines, marker column first; unchanged subtrees are left out. */
export function planTreeLines(plan: HierarchyPlan): string[] {
  // One marker character per change: the column is as wide as the most changes on one node.
  const width = Math.max(1, ...changeCounts(plan.tree));
  const lines: string[] = [`${" ".repeat(width)} ${plan.tree.name}`];
  const visit = (node: PlanNode, indent: string, removedAbove: string | undefined): void => {
    const shown = node.children.filter(hasChange);
    const below = node.changes.some((c) => c.kind === "remove") ? node.name : removedAbove;
    shown.forEach((child, index) => {
      const last = index === shown.length - 1;
      lines.push(
        `${marker(child, below).padEnd(width)} ${indent}${last ? "└── " : "├── "}${label(child, below)}`,
      );
      visit(child, indent + (last ? "    " : "│   "), below);
    });
  };
  visit(plan.tree, "", undefined);
  return lines;
}

function changeCounts(node: PlanNode): number[] {
  return [node.changes.length, ...node.children.flatMap(changeCounts)];
}

/** "2 to create, 1 to move; 27 unchanged" */
export function planSummary(plan: HierarchyPlan): string {
  const parts = (Object.keys(SUMMARY_WORDS) as PlanChangeKind[])
    .filter((kind) => plan.summary[kind] > 0)
    .map((kind) => `${plan.summary[kind]} ${SUMMARY_WORDS[kind]}`);
  const anchors = plan.summary.anchors > 0 ? `, ${anchorCount(plan.summary.anchors)}` : "";
  return `${parts.length > 0 ? parts.join(", ") : "no changes"}; ${plan.summary.unchanged} unchanged${anchors}`;
}

/** "2 anchors (never changed)" */
function anchorCount(n: number): string {
  return `${count(n, "anchor")} (never changed)`;
}

/**
 * "Deleting the removed groups also deletes 3 devices and 1 undeclared group." — the blast radius
 * of the whole plan (each device once); undefined when nothing is removed or devices were not listed.
 */
export function blastRadiusSummary(plan: HierarchyPlan): string | undefined {
  const totals = plan.deletesWith;
  if (!totals || plan.summary.remove === 0) return undefined;
  const dropped = totals.assignments ?? 0;
  if (totals.devices === 0 && totals.groups === 0) {
    return dropped > 0
      ? `The groups to delete hold no devices; ${count(dropped, "policy assignment")} on them go with them.`
      : "The groups to delete hold no devices.";
  }
  const parts = [
    totals.devices > 0 ? count(totals.devices, "device") : "",
    totals.groups > 0 ? count(totals.groups, "undeclared group") : "",
  ].filter(Boolean);
  const also = dropped > 0 ? `, and drops ${count(dropped, "policy assignment")}` : "";
  return `Deleting the removed groups also deletes ${parts.join(" and ")} in ESET${also}.`;
}

function groupCount(n: number): string {
  return count(n, "group");
}

function rootText(plan: HierarchyPlan): string {
  return plan.root.path === "" ? plan.root.name : plan.root.path;
}

export function renderPlanText(plan: HierarchyPlan, options: RenderOptions = {}): string {
  const source = options.source ?? "the hierarchy";
  if (plan.changes.length === 0) {
    const anchors = plan.summary.anchors > 0 ? `, ${anchorCount(plan.summary.anchors)}` : "";
    return `No differences: the groups under ${rootText(plan)} match ${source} (${groupCount(plan.summary.unchanged)}${anchors}).\n`;
  }
  return [
    `Plan for ${source} under ${rootText(plan)} (${plan.root.uuid}):`,
    "",
    ...planTreeLines(plan),
    "",
    `${planSummary(plan)}.`,
    ...optionalLine(policySummary(plan)),
    ...optionalLine(blastRadiusSummary(plan)),
    "",
  ].join("\n");
}

function optionalLine(line: string | undefined): string[] {
  return line === undefined ? [] : [line];
}

/** A fence longer than any run of backticks inside, so group names cannot end the code block. */
function fenceFor(body: string): string {
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  return "`".repeat(Math.max(3, longest + 1));
}

function inlineCode(text: string): string {
  return text.includes("`") ? `\`\` ${text} \`\`` : `\`${text}\``;
}

/**
 * Markdown for a pull-request comment. Starts with an HTML comment (`<!-- eset-connect-plan -->`)
 * that a workflow can search for to update its earlier comment instead of adding another.
 */
export function renderPlanMarkdown(plan: HierarchyPlan, options: RenderOptions = {}): string {
  const source = inlineCode(options.source ?? "hierarchy");
  const header = ["<!-- eset-connect-plan -->", `### ESET group hierarchy plan for ${source}`, ""];
  if (plan.changes.length === 0) {
    return [
      ...header,
      `**No differences**: the groups under ${inlineCode(rootText(plan))} match (${groupCount(plan.summary.unchanged)}).`,
      "",
    ].join("\n");
  }
  const body = planTreeLines(plan).join("\n");
  const fence = fenceFor(body);
  const blast = blastRadiusSummary(plan);
  const policies = policySummary(plan);
  return [
    ...header,
    `**${planSummary(plan)}** under ${inlineCode(rootText(plan))}.`,
    ...(policies === undefined ? [] : ["", policies]),
    ...(blast === undefined ? [] : ["", `> [!WARNING]`, `> ${blast}`]),
    "",
    `${fence}diff`,
    body,
    fence,
    "",
    "`+` create · `-` delete · `~` rename · `→` move · `!` replace (entity type) · " +
      "`?` in ESET but not declared (made by hand? add it to the file with existingUuid, or delete it)" +
      (plan.summary.policies > 0 ? " · `*` policy assignments added, removed or reordered" : ""),
    "",
    // Mermaid labels carry no backticks (escaped), so a plain fence always closes.
    "```mermaid",
    renderPlanMermaid(plan).trimEnd(),
    "```",
    "",
  ].join("\n");
}

/**
 * Stable JSON: `{ root, summary, deletesWith?, changes }`, paths below All. `deletesWith` (totals)
 * and each removal's `deletesWith` are there once devices were listed.
 */
export function renderPlanJson(plan: HierarchyPlan): string {
  const { root, summary, deletesWith, changes } = plan;
  return `${JSON.stringify({ root, summary, deletesWith, changes }, null, 2)}\n`;
}

export function renderPlan(plan: HierarchyPlan, format: PlanFormat, options: RenderOptions = {}): string {
  if (format === "markdown") return renderPlanMarkdown(plan, options);
  if (format === "json") return renderPlanJson(plan);
  if (format === "mermaid") return renderPlanMermaid(plan);
  return renderPlanText(plan, options);
}
