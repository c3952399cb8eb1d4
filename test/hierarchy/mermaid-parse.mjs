// Parses Mermaid diagrams with Mermaid's own parser (the one GitHub's renderer uses), for tests.
// Input on standard input: a JSON array of diagram texts. Output: a JSON array, one entry per
// diagram: null when it parses, else the parser's message. Mermaid is ESM and needs a DOM
// (DOMPurify), so it runs here in plain Node with jsdom rather than inside Jest.
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");

let input = "";
for await (const chunk of process.stdin) input += chunk;
const results = [];
for (const diagram of JSON.parse(input)) {
  try {
    await mermaid.parse(diagram);
    results.push(null);
  } catch (error) {
    results.push(String(error instanceof Error ? error.message : error));
  }
}
process.stdout.write(JSON.stringify(results));
