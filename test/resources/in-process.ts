/**
 * The resources' host-side methods in this process, against an emulator in this process, through a
 * client whose time is injected: retry backoff and pending polls advance a fake clock instead of
 * waiting, and the rate limiter admits every call (the emulator's own limit is raised). The
 * engine's call sequences are the ones world.ts drives through a real host.
 */
import { EsetConnectClient } from "../../provider/client";
import type { RateLimiter } from "../../provider/client/limiter";
import { groupMethods } from "../../provider/resources/group/provider";
import { gpoSccmFileMethods } from "../../provider/resources/gpo-sccm-file/provider";
import { FakeClock } from "../client/fake-clock";
import type { TestEmulator } from "../support/emulator";
import { asGroupClassDeclares, sameResource } from "./declared";

type Props = Record<string, unknown>;

/** A resource as the engine keeps it in state. */
export interface Stored {
  id: string;
  inputs: Props;
  outputs: Props;
}

const UNLIMITED: RateLimiter = { acquire: async () => ({ waitedMs: 0, release: () => undefined }) };

/**
 * A new run, as a new host process starts one: none of the process-wide singletons of an earlier
 * one (the run's claims, tree/claims.ts; the token cache; shared/process-wide.ts keeps them all).
 */
function newRun(): void {
  const holder = globalThis as unknown as Record<symbol, unknown>;
  for (const key of Object.getOwnPropertySymbols(holder)) {
    if (key.description?.startsWith("pulumi-eset-connect.")) delete holder[key];
  }
}

export interface InProcess {
  client: EsetConnectClient;
  clock: FakeClock;
  create(kind: "group" | "gpoSccmFile", news: Props): Promise<Stored>;
  update(stored: Stored, news: Props): Promise<Stored>;
  refresh(stored: Stored): Promise<Stored | undefined>;
  delete(stored: Stored): Promise<void>;
}

/** A new run with its own client (no snapshot, token or delete wave shared with another test). */
export function inProcess(emulator: TestEmulator): InProcess {
  newRun();
  const clock = new FakeClock();
  const client = new EsetConnectClient(
    { endpoint: emulator.url, username: emulator.username, password: emulator.password },
    { now: clock.now, sleep: clock.sleep, limiter: UNLIMITED, notice: () => undefined, log: () => undefined },
  );
  const methods = { group: groupMethods(() => client), gpoSccmFile: gpoSccmFileMethods(() => client) };
  const kindOf = (stored: Stored) => (stored.inputs.clientUuid === undefined ? "gpoSccmFile" : "group");
  let created = 0;
  return {
    client,
    clock,
    async create(kind, news) {
      const declared = kind === "group" ? asGroupClassDeclares(news, `group-${++created}`) : news;
      const checked = await methods[kind].check!({}, declared);
      if (checked.failures?.length) throw new Error(`check failed: ${JSON.stringify(checked.failures)}`);
      const inputs = checked.inputs ?? declared;
      const result = await methods[kind].create(inputs);
      return { id: result.id, inputs, outputs: result.outs ?? {} };
    },
    async update(stored, news) {
      const kind = methods[kindOf(stored)];
      const checked = await kind.check!(stored.inputs, sameResource(stored, news));
      if (checked.failures?.length) throw new Error(`check failed: ${JSON.stringify(checked.failures)}`);
      const inputs = checked.inputs ?? news;
      const diff = await kind.diff!(stored.id, stored.outputs, inputs);
      if (!diff.changes) return stored;
      const updated = await kind.update!(stored.id, stored.outputs, inputs);
      return { id: stored.id, inputs, outputs: updated.outs ?? {} };
    },
    async refresh(stored) {
      const read = await methods[kindOf(stored)].read!(stored.id, stored.outputs);
      if (!read.id) return undefined;
      return { id: read.id, inputs: read.inputs ?? stored.inputs, outputs: read.props ?? {} };
    },
    delete: (stored) => methods[kindOf(stored)].delete!(stored.id, stored.outputs),
  };
}
