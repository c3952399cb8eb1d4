/**
 * The plan as a Mermaid flowchart, for pull-request comments (GitHub renders ```mermaid blocks).
 * It draws the branches that change: each changed node, its ancestors as unchanged context, and
 * per shown node a count of the unchanged children left out. Every node says its kind of change in
 * words as well as in colour, so the picture reads without colour too.
 *
 * Names are user text: they go inside quoted labels with Mermaid's entity codes for every
 * character that could end the label or be read as markup (`"`, `#`, `<`, `>`, `&`, backtick).
 */
import { count } from "../../shared/text";
import { shortEntityType } from "./format";
import type { HierarchyPlan, PlanChange, PlanNode } from "./plan";
import { policyChangeLines } from "./policy-render";

/** What a node is in the picture; decides its shape and style. */
export type DiagramNodeKind =
  "root" | "anchor" | "create" | "remove" | "deleted-with" | "change" | "unmanaged" | "context";

/** Mermaid text for a label: entity codes for characters that Mermaid or HTML would interpret. */
export function mermaidLabelText(text: string): string {
  return text.replace(/[#"<>&`]|[\r\n\t]/g, (ch) => {
    switch (ch) {
      case "#":
        return "#35;";
      case '"':
        return "#quot;";
      case "<":
        return "#lt;";
      case ">":
        return "#gt;";
      case "&":
        return "#amp;";
      case "`":
        return "#96;";
      default:
        return " ";
    }
  });
}

// Light fills with dark text, so the nodes read the same in GitHub's light and dark themes.
const CLASS_DEFS: Record<Exclude<DiagramNodeKind, "root">, string> = {
  create: "fill:#dafbe1,stroke:#1a7f37,color:#1f2328",
  remove: "fill:#ffebe9,stroke:#cf222e,color:#1f2328,stroke-width:2px",
  "deleted-with": "fill:#ffebe9,stroke:#cf222e,color:#1f2328,stroke-dasharray:4 3",
  change: "fill:#fff8c5,stroke:#9a6700,color:#1f2328",
  unmanaged: "fill:#f6f8fa,stroke:#57606a,color:#1f2328,stroke-dasharray:4 3",
  anchor: "fill:#ddf4ff,stroke:#0969da,color:#1f2328",
  context: "fill:#ffffff,stroke:#8c959f,color:#57606a",
};

function has(node: PlanNode, kind: PlanChange["kind"]): boolean {
  return node.changes.some((c) => c.kind === kind);
}

function kindOf(node: PlanNode, isRoot: boolean, underRemoval: boolean): DiagramNodeKind {
  if (isRoot) return "root";
  // An anchor never changes, but its policies may: then it is drawn as a change (still a hexagon).
  if (node.anchor) return has(node, "policies") ? "change" : "anchor";
  if (has(node, "remove")) return "remove";
  if (underRemoval) return "deleted-with";
  if (has(node, "create")) return "create";
  if (has(node, "rename") || has(node, "move") || has(node, "retype") || has(node, "policies"))
    return "change";
  if (has(node, "unmanaged")) return "unmanaged";
  return "context";
}

function changeWords(change: PlanChange): string[] {
  if (change.kind === "policies") return policyChangeLines(change);
  return [changeWord(change)];
}

function changeWord(change: Exclude<PlanChange, { kind: "policies" }>): string {
  switch (change.kind) {
    case "create":
      return change.conflictUuid ? "create (fails: same name already here)" : "create";
    case "rename":
      return "rename";
    case "move":
      return `move from ${change.fromPath}`;
    case "retype":
      return `replace (${shortEntityType(change.from)} → ${shortEntityType(change.to)})`;
    case "remove": {
      const inside = change.deletesWith;
      if (!inside) return "delete";
      const parts = [
        inside.devices.length > 0 ? count(inside.devices.length, "device") : "",
        inside.groups.length > 0 ? `${count(inside.groups.length, "undeclared group")}` : "",
        (inside.assignments?.length ?? 0) > 0 ? count(inside.assignments!.length, "policy assignment") : "",
      ].filter(Boolean);
      return parts.length > 0 ? `delete with ${parts.join(" and ")}` : "delete (empty)";
    }
    case "unmanaged":
      return "not declared";
  }
}

function label(node: PlanNode, kind: DiagramNodeKind, removedAbove: string | undefined): string {
  const rename = node.changes.find((c) => c.kind === "rename");
  const name = rename ? `${rename.from} → ${rename.to}` : node.name;
  const words = node.changes.flatMap(changeWords);
  if (node.anchor) words.unshift("anchor");
  if (kind === "deleted-with" && removedAbove !== undefined) words.push(`deleted with ${removedAbove}`);
  const remove = node.changes.find((c) => c.kind === "remove");
  const devices = remove?.deletesWith?.devices ?? [];
  if (devices.length > 0) words.push(`devices: ${someNames(devices.map((d) => d.displayName || d.uuid))}`);
  return [name, ...words].map(mermaidLabelText).join("<br/>");
}

/** `a, b, c and 2 more`: a label stays short however many devices a group holds. */
function someNames(names: string[], max = 3): string {
  const rest = names.length - max;
  return rest > 0 ? `${names.slice(0, max).join(", ")} and ${rest} more` : names.join(", ");
}

function shape(id: string, text: string, kind: DiagramNodeKind, anchor: boolean): string {
  if (kind === "root") return `${id}(["${text}"])`;
  if (anchor) return `${id}{{"${text}"}}`;
  return `${id}["${text}"]`;
}

function size(node: PlanNode): number {
  return 1 + node.children.reduce((n, child) => n + size(child), 0);
}

function hasChange(node: PlanNode): boolean {
  return node.changes.length > 0 || node.children.some(hasChange);
}

/** The Mermaid flowchart of the plan (no code fence). */
export function renderPlanMermaid(plan: HierarchyPlan): string {
  const lines = ["flowchart TD"];
  const used = new Set<DiagramNodeKind>();
  let next = 0;
  const add = (
    node: PlanNode,
    parentId: string | undefined,
    isRoot: boolean,
    removedAbove: string | undefined,
  ): void => {
    const id = `n${next++}`;
    const kind = kindOf(node, isRoot, removedAbove !== undefined);
    used.add(kind);
    const text =
      isRoot && plan.changes.length === 0
        ? `${mermaidLabelText(node.name)}<br/>no differences`
        : label(node, kind, removedAbove);
    lines.push(
      `  ${shape(id, text, kind, node.anchor === true)}${kind === "root" ? "" : `:::${classOf(kind)}`}`,
    );
    if (parentId !== undefined) lines.push(`  ${parentId} --> ${id}`);
    const below = has(node, "remove") ? node.name : removedAbove;
    const shown = node.children.filter(hasChange);
    shown.forEach((child) => add(child, id, false, below));
    const hidden = node.children.filter((child) => !hasChange(child)).reduce((n, c) => n + size(c), 0);
    if (hidden > 0) {
      const moreId = `${id}u`;
      used.add("context");
      lines.push(`  ${moreId}["… ${count(hidden, "unchanged group")}"]:::context`);
      lines.push(`  ${id} -.- ${moreId}`);
    }
  };
  add(plan.tree, undefined, true, undefined);
  for (const [kind, style] of Object.entries(CLASS_DEFS)) {
    if (used.has(kind as DiagramNodeKind)) lines.push(`  classDef ${classOf(kind)} ${style}`);
  }
  return `${lines.join("\n")}\n`;
}

/** Mermaid class names: letters only, so `deleted-with` becomes `deletedWith`. */
function classOf(kind: string): string {
  return kind.replace(/-(\w)/g, (_, ch: string) => ch.toUpperCase());
}
