// docs/reference describes both ways in: every resource the plugin's schema serves has a row in the
// reference table with its plugin token, and its page names that token beside the TypeScript one.
import * as fs from "fs";
import * as path from "path";

const REPO = path.resolve(__dirname, "..", "..");
const schema = JSON.parse(fs.readFileSync(path.join(REPO, "provider/plugin/schema.json"), "utf8")) as {
  resources: Record<string, unknown>;
};
const table = fs.readFileSync(path.join(REPO, "docs/reference/README.md"), "utf8");

describe("docs/reference against the plugin's schema", () => {
  it.each(Object.keys(schema.resources))(
    "%s has a row in the table and names its token on its page",
    (token) => {
      const row = table.split("\n").find((line) => line.includes(`\`${token}\``));
      expect(row).toBeDefined();
      const page = /\]\(([^)]+\.md)\)/.exec(row!)?.[1];
      expect(page).toBeDefined();
      const text = fs.readFileSync(path.join(REPO, "docs/reference", page!), "utf8");
      expect(text).toContain(`\`${token}\``);
    },
  );
});
