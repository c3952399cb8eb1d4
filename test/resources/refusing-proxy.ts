/**
 * A small HTTP proxy in front of the emulator, for what its control plane cannot do: answer a
 * chosen call with a status the emulator never sends there (403 on the group listing).
 */
import * as http from "http";
import type { AddressInfo } from "net";

export interface RefusingProxy {
  url: string;
  /** Answer calls whose method and path match with this status and a gRPC-style error body. */
  refuse(rule: { method: string; path: string; status: number; message: string } | undefined): void;
  close(): Promise<void>;
}

export async function startRefusingProxy(target: string): Promise<RefusingProxy> {
  let rule: { method: string; path: string; status: number; message: string } | undefined;
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "").split("?")[0];
    if (rule && req.method === rule.method && path === rule.path) {
      res.writeHead(rule.status, { "content-type": "application/json", "request-id": "proxy-refusal" });
      res.end(JSON.stringify({ code: 7, message: rule.message, details: [] }));
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      try {
        const headers = Object.fromEntries(
          Object.entries(req.headers).filter(([k]) => !["host", "content-length", "connection"].includes(k)),
        ) as Record<string, string>;
        const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
        const answer = await fetch(target + req.url, { method: req.method, headers, body });
        const text = await answer.text();
        const out: Record<string, string> = {};
        answer.headers.forEach((value, key) => {
          if (!["content-length", "content-encoding", "transfer-encoding", "connection"].includes(key))
            out[key] = value;
        });
        res.writeHead(answer.status, out);
        res.end(text);
      } catch {
        res.destroy();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    refuse: (r) => {
      rule = r;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
