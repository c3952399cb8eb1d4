/**
 * Listings come in pages: follow `nextPageToken` until it is missing or empty (ESET does both),
 * and stop with an error rather than loop if a token comes back twice.
 */
import { EsetConnectError, OperationInfo } from "./errors";
import { ApiResponse } from "./http";

/** The page size the client always asks for: ESET's maximum. */
export const PAGE_SIZE = "1000";

/**
 * Calls `fetchPage` for each page (the first without a token) and hands each response to `take`,
 * which keeps the items and returns the next page token.
 */
export async function forEachPage(
  operation: OperationInfo,
  fetchPage: (pageToken: string | undefined) => Promise<ApiResponse>,
  take: (response: ApiResponse) => string | undefined,
): Promise<void> {
  const seen = new Set<string>();
  let pageToken: string | undefined;
  do {
    const response = await fetchPage(pageToken);
    pageToken = take(response) || undefined;
    if (pageToken === undefined) return;
    if (seen.has(pageToken)) {
      throw new EsetConnectError(
        `ESET Connect returned the same page token twice while ${operation.description}; stopping instead of looping`,
        { operation: operation.name, requestId: response.requestId },
      );
    }
    seen.add(pageToken);
  } while (pageToken !== undefined);
}
