/**
 * GpoSccmFile `diff`: ESET generates the file on demand and never stores it, so there is nothing to
 * change in place: any input change generates a new file (a replacement).
 */
import type * as pulumi from "@pulumi/pulumi";
import { Props, containsUnknown } from "../inputs";
import { GPO_SCCM_FILE_INPUTS } from "./state";

/** Stable text of a value, keys sorted, so a map's key order is not a change. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

function normalised(props: Props, key: (typeof GPO_SCCM_FILE_INPUTS)[number]): unknown {
  const value = props[key];
  if (key === "sendAnonymousDiagnosticData") return value === true || containsUnknown(value) ? value : false;
  if (key === "triggers" && typeof value === "object" && value !== null && Object.keys(value).length === 0) {
    return undefined; // an empty map triggers nothing
  }
  return value;
}

export function diffGpoSccmFile(_id: string, olds: Props, news: Props): pulumi.dynamic.DiffResult {
  const replaces = GPO_SCCM_FILE_INPUTS.filter(
    (key) =>
      containsUnknown(news[key]) || canonical(normalised(olds, key)) !== canonical(normalised(news, key)),
  );
  return { changes: replaces.length > 0, replaces, deleteBeforeReplace: false };
}
