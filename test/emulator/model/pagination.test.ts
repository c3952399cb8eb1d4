import { paginate, parsePageSize } from "../../../emulator/model/pagination";
import { outcome } from "./fixtures";

describe("pagination", () => {
  test.each([
    [undefined, 50],
    ["", 50],
    ["0", 50],
    [0, 50],
    ["7", 7],
    ["1000", 1000],
    ["1001", 1000],
    [5000, 1000],
    // The schema's maximum [spec: pageSize "maximum": 99999]; above 1000 counts as 1000 [spec].
    ["99999", 1000],
  ])("pageSize %p means %i", (given, expected) => {
    expect(parsePageSize(given)).toBe(expected);
  });

  test.each([["-1"], ["1.5"], ["ten"], ["100000"]])("pageSize %p is refused", (given) => {
    expect(outcome(() => parsePageSize(given))).toBe(
      `invalid: pageSize must be a whole number from 0 to 99999 (above 1000 counts as 1000) (got ${JSON.stringify(given)})`,
    );
  });

  test("a pageToken longer than the spec's maxLength 128 is refused", () => {
    expect(outcome(() => paginate([1], 1, "x".repeat(129)))).toBe(
      "invalid: pageToken must be at most 128 characters (got 129)",
    );
  });

  test("walks every item exactly once and ends with an empty token", () => {
    const items = Array.from({ length: 123 }, (_, i) => i);
    const seen: number[] = [];
    let token = "";
    let pages = 0;
    do {
      const page = paginate(items, "50", token);
      seen.push(...page.items);
      token = page.nextPageToken;
      pages++;
    } while (token !== "");
    expect(seen).toEqual(items);
    expect(pages).toBe(3);
  });

  test("an exact multiple of the page size ends without an empty extra page", () => {
    const first = paginate([1, 2, 3, 4], 2, "");
    expect(paginate([1, 2, 3, 4], 2, first.nextPageToken)).toEqual({
      items: [3, 4],
      nextPageToken: "",
      totalSize: 4,
    });
  });

  test("a made-up token is refused", () => {
    expect(outcome(() => paginate([1], 1, "garbage"))).toBe(
      "invalid: pageToken is not a token this server issued: pass the nextPageToken of the previous page",
    );
  });
});
