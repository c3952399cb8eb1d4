// What every phase of a run shares: the stack state, the provider host (started on first use and
// configured once), the --parallel limit, the report, and whether the run has failed. After the
// first failed operation no new operation starts and the ones in flight finish, which is the
// CLI's behaviour without --continue-on-error:
// https://www.pulumi.com/blog/continue-on-error/ (the "most conservative approach" it describes).
import { ProviderHost } from "./provider-host";
import type { StackConfig } from "./project";
import type { Reporter } from "./report";
import type { Sdk } from "./sdk";
import type { StackState } from "./state";

/** Runs at most `limit` tasks at once, in arrival order. */
export class Limiter {
  private active = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.queue.shift()?.();
    }
  }
}

/** Thrown for work refused because the run already failed; its cause was reported already. */
export class HaltedError extends Error {
  constructor() {
    super("the deployment stopped after an earlier error");
    this.name = "HaltedError";
  }
}

export interface EngineContextOptions {
  project: string;
  stack: string;
  programDir: string;
  preview: boolean;
  parallel: number;
  /**
   * What the host's Configure receives (namespaced keys, secrets decrypted): the current stack
   * config when the program runs, else the config the default provider in the state was given.
   */
  config: Record<string, string>;
  /** The current stack config: what `up` records as the default provider's inputs. */
  stackConfig: StackConfig;
  sdk: Sdk;
  state: StackState;
  reporter: Reporter;
  /** Where the host's console lines go. */
  onHostLog: (line: string) => void;
}

export class EngineContext {
  readonly limiter: Limiter;
  failed = false;
  /** Resolves at the first failure. */
  readonly whenFailed: Promise<void>;
  private markFailed: () => void = () => undefined;
  private hostPromise: Promise<ProviderHost> | undefined;

  constructor(readonly o: EngineContextOptions) {
    this.limiter = new Limiter(o.parallel);
    this.whenFailed = new Promise<void>((resolve) => (this.markFailed = resolve));
  }

  get state(): StackState {
    return this.o.state;
  }

  get preview(): boolean {
    return this.o.preview;
  }

  get reporter(): Reporter {
    return this.o.reporter;
  }

  /**
   * Starts the host now, while the program loads (both take about a second); a start failure is
   * reported when the host is first used.
   */
  warmUp(): void {
    this.host().catch(() => undefined);
  }

  /** The provider host, started and configured on first use. */
  host(): Promise<ProviderHost> {
    this.hostPromise ??= (async () => {
      const host = await ProviderHost.start({
        sdk: this.o.sdk,
        programDir: this.o.programDir,
        project: this.o.project,
        stack: this.o.stack,
        onLog: this.o.onHostLog,
      });
      await host.configure(this.o.config);
      return host;
    })();
    return this.hostPromise;
  }

  /** Records a failure: reported once, and no new operation starts afterwards. */
  fail(message: string, urn?: string): void {
    this.failed = true;
    this.markFailed();
    this.reporter.diagnostic({ severity: "error", urn, message });
  }

  /** Throws when the run has already failed. */
  checkNotHalted(): void {
    if (this.failed) throw new HaltedError();
  }

  /** Writes the state unless this is a preview (previews never write state). */
  save(): void {
    if (!this.preview) this.state.save();
  }

  async close(): Promise<void> {
    if (!this.hostPromise) return;
    const host = await this.hostPromise.catch(() => undefined);
    await host?.close();
  }
}
