/**
 * Inputs as the resource classes send them. `new Group(name, ...)` adds the inputs it computes
 * (`clientUuid` and `resourceUrn`, provider/resources/group/group.ts): a test that drives the
 * provider directly adds them the same way, so it takes the path users take.
 */
import { groupClientUuid } from "../../provider/client/client-uuid";

type Props = Record<string, unknown>;

/** The project and stack of every test resource. */
export const PROJECT = "project";
export const STACK = "stack";

/** The inputs `new Group(name, news)` registers (news as given, plus what the class computes). */
export function asGroupClassDeclares(news: Props, name: string): Props {
  return {
    clientUuid: groupClientUuid(PROJECT, STACK, name),
    resourceUrn: `urn:pulumi:${STACK}::${PROJECT}::pulumi-nodejs:dynamic/eset-connect:Group::${name}`,
    ...news,
  };
}

/** New inputs of a stored resource: what its class computed stays (the same resource name). */
export function sameResource(stored: { inputs: Props }, news: Props): Props {
  const computed: Props = {};
  for (const key of ["clientUuid", "resourceUrn"])
    if (stored.inputs[key] !== undefined) computed[key] = stored.inputs[key];
  return { ...computed, ...news };
}
