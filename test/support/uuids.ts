import { createHash } from "node:crypto";

/**
 * A fixed uuid for a name, in ESET's format (8-4-4-4-12 hex), so fixtures read as names but the
 * emulator accepts them: `uuidOf("sales")` is the same in every test and every run.
 */
export function uuidOf(name: string): string {
  const h = createHash("sha256").update(`fixture:${name}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
