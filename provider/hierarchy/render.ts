/**
 * The plan as text (terminal), Markdown (a pull-request comment) and JSON (machines). Text and
 * Markdown draw the tree with a marker column first — `+` create, `-` delete, `~` rename, `→` move,
 * `!` entity type change, `?` in ESET but not declared — and leave out subtrees with no change.
 */
import { shortEntityType } from "./format";
import type { HierarchyPlan, PlanChange, PlanChangeKind, PlanNode } from "./plan";

export type PlanFormat = "text" | "markdown" | "json";
export const PLAN_FORMATS: readonly PlanFormat[] = ["text", "markdown", "json"];

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
};

const SUMMARY_WORDS: Record<PlanChangeKind, string> = {
  create: "to create",
  remove: "to delete",
  rename: "to rename",
  move: "to move",
  retype: "to replace (entity type)",
  unmanaged: "not declared",
};

function detail(change: PlanChange): string {
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
      return ` (no longer declared: key ${change.formerKey}, ${change.uuid})`;
    case "unmanaged":
      return ` (in ESET, not declared: ${change.uuid})`;
  }
}

function label(node: PlanNode): string {
  const rename = node.changes.find((change) => change.kind === "rename");
  const name = rename ? `${rename.from} → ${rename.to}` : node.name;
  return name + (node.anchor ? " (anchor)" : "") + node.changes.map(detail).join("");
}

function marker(node: PlanNode): string {
  return node.changes.map((change) => MARKERS[change.kind]).join("");
}

function hasChange(node: PlanNode): boolean {
  return node.changes.length > 0 || node.children.some(hasChange);
}

/** The tree lines, marker column first; unchanged subtrees are left out. */
export function planTreeLines(plan: HierarchyPlan): string[] {
  const width = Math.max(1, ...collectMarkers(plan.tree).map((m) => m.length));
  const lines: string[] = [`${" ".repeat(width)} ${plan.tree.name}`];
  const visit = (node: PlanNode, indent: string): void => {
    const shown = node.children.filter(hasChange);
    shown.forEach((child, index) => {
      const last = index === shown.length - 1;
      lines.push(`${marker(child).padEnd(width)} ${indent}${last ? "└── " : "├── "}${label(child)}`);
      visit(child, indent + (last ? "    " : "│   "));
    });
  };
  visit(plan.tree, "");
  return lines;
}

function collectMarkers(node: PlanNode): string[] {
  return [marker(node), ...node.children.flatMap(collectMarkers)];
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
function anchorCount(count: number): string {
  return `${count} anchor${count === 1 ? "" : "s"} (never changed)`;
}

function groupCount(count: number): string {
  return `${count} group${count === 1 ? "" : "s"}`;
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
    "",
  ].join("\n");
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
  return [
    ...header,
    `**${planSummary(plan)}** under ${inlineCode(rootText(plan))}.`,
    "",
    `${fence}diff`,
    body,
    fence,
    "",
    "`+` create · `-` delete · `~` rename · `→` move · `!` replace (entity type) · " +
      "`?` in ESET but not declared (made by hand? add it to the file with existingUuid, or delete it)",
    "",
  ].join("\n");
}

/** Stable JSON: `{ root, summary, changes }`, paths below All. */
export function renderPlanJson(plan: HierarchyPlan): string {
  return `${JSON.stringify({ root: plan.root, summary: plan.summary, changes: plan.changes }, null, 2)}\n`;
}

export function renderPlan(plan: HierarchyPlan, format: PlanFormat, options: RenderOptions = {}): string {
  if (format === "markdown") return renderPlanMarkdown(plan, options);
  if (format === "json") return renderPlanJson(plan);
  return renderPlanText(plan, options);
}
