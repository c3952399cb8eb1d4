/** Small wording helpers shared by the resources' messages, the plan and the CLI. */

/** `a, b, c` with at most `max` names, then `and N more`. */
export function firstNames(names: string[], max = 5): string {
  const shown = names.slice(0, max).map((n) => JSON.stringify(n));
  const rest = names.length - shown.length;
  return rest > 0 ? `${shown.join(", ")} and ${rest} more` : shown.join(", ");
}

/** `1 group`, `2 groups`. */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
