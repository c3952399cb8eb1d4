/** "Did you mean" suggestions for misspelt field names and enum values. */

/** Edit distance (insertions, deletions, substitutions), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      const substitution = previous[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[y.length];
}

/**
 * The candidate closest to `input`, if it is close enough to be a plausible typo: at most a third
 * of the candidate's length (and at least 2) edits away.
 */
export function closest(input: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(input, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best === undefined) return undefined;
  return bestDistance <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

/**
 * `unknown input forceDestory; did you mean forceDestroy?` — or the list of inputs when no input
 * is close. Shared by the resources' `check` and the `Hierarchy` component's arguments.
 */
export function unknownInputReason(key: string, known: readonly string[]): string {
  const guess = closest(key, known);
  return guess !== undefined
    ? `unknown input ${key}; did you mean ${guess}?`
    : `unknown input ${key}; inputs are ${known.join(", ")}`;
}
