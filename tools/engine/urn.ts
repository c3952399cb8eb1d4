// URNs as the engine builds them: `urn:pulumi:<stack>::<project>::<qualified type>::<name>`, where
// the qualified type is the parent's qualified type, `$`, and the resource's type; the root stack
// is left out of the chain. The SDK builds alias URNs with the same rule (`createUrn` in
// `@pulumi/pulumi/resource`), which is why aliases computed by the SDK match these URNs.
// https://www.pulumi.com/docs/iac/concepts/resources/names/#urns

export const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

export function makeUrn(
  stack: string,
  project: string,
  type: string,
  name: string,
  parentUrn?: string,
): string {
  let qualified = type;
  if (parentUrn) {
    const parentQualified = qualifiedTypeOf(parentUrn);
    if (parentQualified !== ROOT_STACK_TYPE) qualified = `${parentQualified}$${type}`;
  }
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

/** The `a$b$c` part of a URN. */
export function qualifiedTypeOf(urn: string): string {
  return urn.split("::")[2] ?? "";
}

/** The resource's own type (last element of the qualified type). */
export function typeOf(urn: string): string {
  return qualifiedTypeOf(urn).split("$").pop() ?? "";
}

/** The resource's name: everything after the type (names may contain `::`). */
export function nameOf(urn: string): string {
  return urn.split("::").slice(3).join("::");
}
