import { ModelError } from "./errors";

/**
 * What device management does with `pageSize`: "If unspecified or 0, the default value is 50. The
 * maximum value is 1000; values above 1000 will be coerced to 1000" [spec]; the parameter's schema
 * allows 0 to 99999 ("maximum": 99999 [spec]), so a larger one is a validation error (400).
 */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;
export const LARGEST_PAGE_SIZE_ACCEPTED = 99_999;
/** `pageToken` has "maxLength": 128 [spec]. */
export const MAX_PAGE_TOKEN_LENGTH = 128;

export interface Page<T> {
  items: T[];
  /** Empty on the last page. */
  nextPageToken: string;
  totalSize: number;
}

export function parsePageSize(value: unknown): number {
  if (value === undefined || value === "") return DEFAULT_PAGE_SIZE;
  const size = typeof value === "number" ? value : Number(value);
  if (!Number.isInteger(size) || size < 0 || size > LARGEST_PAGE_SIZE_ACCEPTED) {
    throw new ModelError(
      "invalid",
      `pageSize must be a whole number from 0 to ${LARGEST_PAGE_SIZE_ACCEPTED} (above ${MAX_PAGE_SIZE} counts as ${MAX_PAGE_SIZE}) (got ${JSON.stringify(value)})`,
    );
  }
  if (size === 0) return DEFAULT_PAGE_SIZE;
  return Math.min(size, MAX_PAGE_SIZE);
}

// Tokens are opaque to clients; inside they carry the offset of the next item.
const PREFIX = "page:";

function encodeToken(offset: number): string {
  return Buffer.from(`${PREFIX}${offset}`).toString("base64url");
}

function decodeToken(token: string): number {
  if (token.length > MAX_PAGE_TOKEN_LENGTH) {
    throw new ModelError(
      "invalid",
      `pageToken must be at most ${MAX_PAGE_TOKEN_LENGTH} characters (got ${token.length})`,
    );
  }
  const text = Buffer.from(token, "base64url").toString();
  const offset = Number(text.slice(PREFIX.length));
  if (!text.startsWith(PREFIX) || !Number.isInteger(offset) || offset < 0) {
    throw new ModelError(
      "invalid",
      "pageToken is not a token this server issued: pass the nextPageToken of the previous page",
    );
  }
  return offset;
}

/** Cuts one page out of `items`; `pageToken` empty or missing means the first page. */
export function paginate<T>(items: T[], pageSize: unknown, pageToken: unknown): Page<T> {
  const size = parsePageSize(pageSize);
  const offset = typeof pageToken === "string" && pageToken !== "" ? decodeToken(pageToken) : 0;
  const end = offset + size;
  return {
    items: items.slice(offset, end),
    nextPageToken: end < items.length ? encodeToken(end) : "",
    totalSize: items.length,
  };
}
