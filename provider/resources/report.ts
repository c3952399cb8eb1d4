/**
 * How the provider talks to the user: console lines (the host passes them to the Pulumi CLI
 * unstructured, so each names the group it is about) and the error a create or update throws when
 * the group exists but not every step succeeded.
 */

/** `group "Sales" (uuid)`, or `group uuid` when the name is not known. */
export function describeGroup(uuid: string | undefined, displayName?: string): string {
  const name = displayName ? `"${displayName}"` : "";
  if (name && uuid) return `group ${name} (${uuid})`;
  return `group ${name || uuid || "(unnamed)"}`;
}

/** One console line, prefixed so it can be told apart among many resources. */
export function say(subject: string, message: string): void {
  console.log(`eset-connect: ${subject}: ${message}`);
}

/**
 * The group exists (`id`) but is not as declared: the engine records `properties` as the state
 * ("created/updated with errors") so nothing is orphaned, and the next `pulumi up` finishes the job.
 */
export class IncompleteGroupError extends Error {
  readonly reasons: string[];
  constructor(
    message: string,
    readonly id: string,
    readonly properties: object,
  ) {
    super(message);
    this.name = "IncompleteGroupError";
    this.reasons = [message];
  }
}
