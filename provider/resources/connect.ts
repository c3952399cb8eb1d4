/**
 * How a resource's host-side code reaches ESET: a function giving the process's client for the
 * stack's settings (provider/dynamic-provider/host.ts passes the settings' one; tests pass their
 * own client). Called where a method first needs ESET, so what needs no call (validation, a
 * refused replacement) works without settings.
 */
import { EsetConnectClient, isConfigError } from "../client";

/** The client for the current settings; throws the client's ConfigError when they are incomplete. */
export type Connect = () => EsetConnectClient;

/** The client, or undefined without settings (`check` and `diff` then leave the tree rules to `up`). */
export function clientIfConfigured(connect: Connect): EsetConnectClient | undefined {
  try {
    return connect();
  } catch (error) {
    // `check` and `diff` work without credentials; the first call that needs ESET names them.
    if (isConfigError(error)) return undefined;
    throw error;
  }
}
