// The stack's state: one JSON file per stack, shaped like the resources of `pulumi stack export`
// (urn, custom, type, id, inputs, outputs, parent, dependencies, ...). It is rewritten atomically
// (temporary file, then rename) after every operation, so a run that fails or is killed leaves a
// state the next run continues from, as the CLI's checkpoints do.
// https://www.pulumi.com/docs/iac/concepts/state-and-backends/
import * as fs from "fs";
import * as path from "path";
import { mapSecrets, SECRET_SIG, SIG_KEY, type PropertyMap, type Value } from "./properties";
import { SecretsCipher, type SecretsProviderState } from "./secrets";

export interface ResourceState {
  urn: string;
  custom: boolean;
  type: string;
  id?: string;
  inputs: PropertyMap;
  outputs: PropertyMap;
  parent?: string;
  protect?: boolean;
  retainOnDelete?: boolean;
  dependencies: string[];
  propertyDependencies?: Record<string, string[]>;
  deletedWith?: string;
  additionalSecretOutputs?: string[];
  /** Set when create or update failed after the object was made ("created with errors"). */
  initErrors?: string[];
  /** An old copy replaced by a new one (create before delete); deleted at the end of the run. */
  delete?: boolean;
  /** The provider resource that manages it, `<urn>::<id>` (the default pulumi-nodejs provider). */
  provider?: string;
}

/** An operation started but not known to have finished (the process died or lost the answer). */
export interface PendingOperation {
  urn: string;
  type: "creating" | "updating" | "deleting";
  /**
   * The resource as it was going to be (creates: goal and checked inputs, no id), so that
   * `refresh --import-pending-creates URN ID` can complete the create, as the CLI's operations carry
   * their resource (pkg/cmd/pulumi/operations/refresh.go, `pendingCreatesToImports`).
   */
  resource?: ResourceState;
}

interface StateFileV1 {
  version: 1;
  project: string;
  stack: string;
  secretsProvider: SecretsProviderState;
  resources: ResourceState[];
  pendingOperations: PendingOperation[];
}

/** Every resource a resource needs to exist first: parent, dependencies, property dependencies, deletedWith. */
export function prerequisitesOf(r: ResourceState): string[] {
  const all = new Set<string>(r.dependencies);
  if (r.parent) all.add(r.parent);
  for (const urns of Object.values(r.propertyDependencies ?? {})) urns.forEach((u) => all.add(u));
  if (r.deletedWith) all.add(r.deletedWith);
  if (r.provider) all.add(r.provider.split("::").slice(0, -1).join("::"));
  return [...all];
}

/** Orders resources so that each comes after its prerequisites (stable otherwise). */
export function sortByDependencies(resources: ResourceState[]): ResourceState[] {
  const byUrn = new Map<string, ResourceState[]>();
  for (const r of resources) byUrn.set(r.urn, [...(byUrn.get(r.urn) ?? []), r]);
  const done = new Set<ResourceState>();
  const visiting = new Set<ResourceState>();
  const out: ResourceState[] = [];
  const visit = (r: ResourceState): void => {
    if (done.has(r) || visiting.has(r)) return;
    visiting.add(r);
    for (const dep of prerequisitesOf(r)) for (const d of byUrn.get(dep) ?? []) visit(d);
    visiting.delete(r);
    done.add(r);
    out.push(r);
  };
  resources.forEach(visit);
  return out;
}

export class StackState {
  private constructor(
    readonly file: string,
    readonly project: string,
    readonly stack: string,
    private readonly cipher: SecretsCipher,
    public resources: ResourceState[],
    public pendingOperations: PendingOperation[],
  ) {}

  /** Reads the state file, or starts an empty state when there is none. */
  static load(file: string, project: string, stack: string, passphrase: string): StackState {
    if (!fs.existsSync(file)) {
      return new StackState(file, project, stack, SecretsCipher.create(passphrase), [], []);
    }
    let parsed: StateFileV1;
    try {
      parsed = JSON.parse(fs.readFileSync(file, "utf8")) as StateFileV1;
    } catch (e) {
      throw new Error(
        `state file ${file} is not valid JSON (${(e as Error).message}): restore it or remove it`,
      );
    }
    if (parsed.version !== 1 || !Array.isArray(parsed.resources)) {
      throw new Error(`state file ${file} is not an engine-harness state file (version 1)`);
    }
    if (parsed.project !== project || parsed.stack !== stack) {
      throw new Error(
        `state file ${file} belongs to stack ${parsed.project}/${parsed.stack}, not ${project}/${stack}: ` +
          "pass --state with this stack's file",
      );
    }
    const cipher = SecretsCipher.open(parsed.secretsProvider, passphrase, file);
    const decrypt = (v: Value): Value =>
      mapSecrets(v, (s) => ({
        [SIG_KEY]: SECRET_SIG,
        value: JSON.parse(cipher.decrypt(String(s.ciphertext))),
      }));
    const open = (r: ResourceState): ResourceState => ({
      ...r,
      inputs: decrypt(r.inputs) as PropertyMap,
      outputs: decrypt(r.outputs) as PropertyMap,
    });
    const pending = (parsed.pendingOperations ?? []).map((p) =>
      p.resource ? { ...p, resource: open(p.resource) } : p,
    );
    return new StackState(file, project, stack, cipher, parsed.resources.map(open), pending);
  }

  /** Writes the state atomically: a reader sees the old file or the new one, never half of one. */
  save(): void {
    const encrypt = (v: Value): Value =>
      mapSecrets(v, (s) => ({
        [SIG_KEY]: SECRET_SIG,
        ciphertext: this.cipher.encrypt(JSON.stringify(s.value)),
      }));
    const seal = (r: ResourceState): ResourceState => ({
      ...r,
      inputs: encrypt(r.inputs) as PropertyMap,
      outputs: encrypt(r.outputs) as PropertyMap,
    });
    const body: StateFileV1 = {
      version: 1,
      project: this.project,
      stack: this.stack,
      secretsProvider: this.cipher.state,
      resources: sortByDependencies(this.resources).map(seal),
      pendingOperations: this.pendingOperations.map((p) =>
        p.resource ? { ...p, resource: seal(p.resource) } : p,
      ),
    };
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(body, null, 2) + "\n");
    fs.renameSync(tmp, this.file);
  }

  /** Replaces `old` (if given and present) by `next` (if given), keeping the position. */
  replace(old: ResourceState | undefined, next: ResourceState | undefined): void {
    const i = old ? this.resources.indexOf(old) : -1;
    if (i >= 0 && next) this.resources[i] = next;
    else if (i >= 0) this.resources.splice(i, 1);
    else if (next) this.resources.push(next);
  }

  addPending(op: PendingOperation): void {
    this.pendingOperations.push(op);
  }

  removePending(op: PendingOperation): void {
    this.pendingOperations = this.pendingOperations.filter((p) => p !== op);
  }
}
