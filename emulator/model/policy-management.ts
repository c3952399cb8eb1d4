import type { CloudStore } from "./cloud-store";
import { STATIC_GROUP_TYPE } from "./entity-types";
import { ModelError } from "./errors";
import { type Page, paginate } from "./pagination";
import {
  POLICY_TARGET_KINDS,
  type Policy,
  type PolicyAssignment,
  type PolicyTargetKind,
  targetName,
} from "./policies";
import { copyPolicy } from "./policy-book";
import { int64Field, parseFeatures } from "./policy-features";
import { describeGroup, type Tenant } from "./tenant";
import { ALL_GROUP_UUID } from "./types";
import {
  optionalJsonBoolean,
  optionalText,
  optionalUuid,
  requireText,
  requireUuid,
  textList,
} from "./validate";

/**
 * Who acts: the API, or ESET's web console (a person, for drift). The console may assign to All and
 * linked groups whatever `policiesOnSpecialGroups` says, may choose a new policy's uuid, and
 * deleting an assigned policy there unassigns it [assumed: the console asks, then does].
 */
export type PolicyActor = "api" | "console";

/** The filters of `GET /v2/policy-assignments`, as the query gave them (validated here). */
export interface PolicyAssignmentQuery {
  policyUuid?: unknown;
  policyUuids?: unknown;
  "target.deviceGroupUuid"?: unknown;
  "target.deviceUuid"?: unknown;
  "target.subscriptionUuid"?: unknown;
  pageSize?: unknown;
  pageToken?: unknown;
}

/**
 * ESET's Policy Management v2 service [spec: policy-management] over the emulated cloud: policies
 * (built-in and custom) and their assignments to targets, per tenant. An object of another tenant
 * is reported as such (403), like groups. What the spec leaves open follows `cloud.policyRules`.
 */
export class PolicyManagement {
  constructor(private readonly cloud: CloudStore) {}

  /** `GET /v2/policies`: built-ins first, then custom policies in creation order. */
  listPolicies(tenantId: string, pageSize: unknown, pageToken: unknown): Page<Policy> {
    const tenant = this.cloud.tenant(tenantId);
    const page = paginate([...tenant.policyBook.policies.values()], pageSize, pageToken);
    return { ...page, items: page.items.map(copyPolicy) };
  }

  /** `GET /v2/policies/{policyUuid}`. */
  getPolicy(tenantId: string, uuid: string): Policy {
    const tenant = this.cloud.tenant(tenantId);
    this.ownPolicy(tenant, requireUuid(uuid, "policyUuid"));
    return copyPolicy(tenant.policyBook.policy(uuid));
  }

  /**
   * `POST /v2/policies`: a custom policy. `uuid` and `builtIn` are read-only [spec: v2Policy]: the
   * API assigns the uuid (a client's is ignored [assumed], as a gateway drops read-only input) and a
   * policy asking to be built-in is refused (built-ins are never made by a create [spec: v2Policy.builtIn]). The
   * console keeps a given unused uuid.
   */
  createPolicy(tenantId: string, request: Record<string, unknown>, by: PolicyActor): Policy {
    const tenant = this.cloud.tenant(tenantId);
    const displayName = requireText(request.displayName, "policy.displayName");
    const description = optionalText(request.description, "policy.description") ?? "";
    if (optionalJsonBoolean(request.builtIn, "policy.builtIn", false)) {
      throw new ModelError(
        "refused",
        "a built-in policy cannot be created: leave builtIn out (it is read-only)",
      );
    }
    const features = parseFeatures(request.features);
    const wanted = by === "console" ? optionalUuid(request.uuid, "policy.uuid") : undefined;
    if (wanted !== undefined && this.policyTenant(wanted) !== undefined) {
      throw new ModelError("already-exists", `policy ${wanted} already exists`);
    }
    const uuid = wanted ?? this.cloud.serverUuid();
    const policy = tenant.policyBook.addPolicy({ uuid, displayName, description, builtIn: false, features });
    return this.cloud.changed(policy);
  }

  /**
   * `DELETE /v2/policies/{policyUuid}`. A built-in is never deleted [spec: v2Policy.builtIn].
   * A policy still assigned follows `deleteAssignedPolicy` [assumed]: refused as a failed
   * precondition (412, as this service answers a rank it cannot take), or deleted with its
   * assignments (each target renumbered).
   */
  deletePolicy(tenantId: string, uuid: string, by: PolicyActor): void {
    const tenant = this.cloud.tenant(tenantId);
    this.ownPolicy(tenant, requireUuid(uuid, "policyUuid"));
    const policy = tenant.policyBook.policy(uuid);
    if (policy.builtIn) {
      throw new ModelError(
        "refused",
        `policy "${policy.displayName}" (${uuid}) is built in and cannot be deleted`,
      );
    }
    const assigned = tenant.policyBook.assignmentsOfPolicy(uuid);
    if (assigned.length > 0 && by === "api" && this.cloud.policyRules.deleteAssignedPolicy === "refuse") {
      throw new ModelError(
        "failed-precondition",
        `policy "${policy.displayName}" (${uuid}) is still assigned (${assigned.length} assignment${assigned.length === 1 ? "" : "s"}, e.g. ${assigned[0].uuid}): unassign it first`,
      );
    }
    tenant.policyBook.removePolicy(uuid);
    this.cloud.changed(undefined);
  }

  /**
   * `GET /v2/policy-assignments`: by target, then rank. `policyUuid` is merged with `policyUuids`
   * (any of them matches) [spec: query parameters]; target filters must all match [assumed]. A
   * filter naming nothing known matches nothing [assumed]. Path-like filters are `format: uuid`,
   * `maxLength: 100`; `policyUuids` has no format [spec].
   */
  listAssignments(tenantId: string, query: PolicyAssignmentQuery): Page<PolicyAssignment> {
    const tenant = this.cloud.tenant(tenantId);
    const policies = new Set(textList(query.policyUuids, "policyUuids"));
    const policyUuid = optionalUuid(query.policyUuid, "policyUuid");
    if (policyUuid !== undefined) policies.add(policyUuid);
    const targets = POLICY_TARGET_KINDS.map(
      (kind) => [kind, optionalUuid(query[`target.${kind}`], `target.${kind}`)] as const,
    ).filter((t): t is readonly [PolicyTargetKind, string] => t[1] !== undefined);
    const matching = tenant.policyBook
      .list()
      .filter((a) => policies.size === 0 || policies.has(a.policyUuid))
      .filter((a) => targets.every(([kind, uuid]) => a.target[kind] === uuid));
    return paginate(matching, query.pageSize, query.pageToken);
  }

  /** `GET /v2/policy-assignments/{assignmentUuid}`. */
  getAssignment(tenantId: string, uuid: string): PolicyAssignment {
    const tenant = this.cloud.tenant(tenantId);
    this.ownAssignment(tenant, requireUuid(uuid, "assignmentUuid"));
    return tenant.policyBook.assignment(uuid);
  }

  /**
   * `POST /v2/policy-assignments`: the new assignment goes to the end of its target's stack, its
   * rank the target's number of assignments [spec]. `uuid` and `rank` are read-only [spec] and
   * ignored. The target names exactly one of its kinds [spec: v2PolicyTarget, one target per
   * assignment]; the rest is in `checkTarget` and the switches.
   */
  assignPolicy(tenantId: string, request: Record<string, unknown>, by: PolicyActor): PolicyAssignment {
    const tenant = this.cloud.tenant(tenantId);
    const policyUuid = requireText(request.policyUuid, "assignment.policyUuid");
    const [kind, targetUuid] = this.parseTarget(request.target);
    this.ownPolicy(tenant, policyUuid);
    this.checkTarget(tenant, kind, targetUuid, by);
    const twin = tenant.policyBook.stackOf(kind, targetUuid).find((a) => a.policyUuid === policyUuid);
    if (twin && this.cloud.policyRules.duplicatePolicyAssignment === "refuse") {
      throw new ModelError(
        "already-exists",
        `policy ${policyUuid} is already assigned to ${targetName(kind)} ${targetUuid} (assignment ${twin.uuid}, rank ${twin.rank})`,
      );
    }
    const assignment = tenant.policyBook.assign({
      uuid: this.cloud.serverUuid(),
      policyUuid,
      kind,
      targetUuid,
    });
    return this.cloud.changed(assignment);
  }

  /** `DELETE /v2/policy-assignments/{assignmentUuid}`: the target's others are renumbered [spec]. */
  unassignPolicy(tenantId: string, uuid: string): void {
    const tenant = this.cloud.tenant(tenantId);
    this.ownAssignment(tenant, requireUuid(uuid, "assignmentUuid"));
    tenant.policyBook.unassign(uuid);
    this.cloud.changed(undefined);
  }

  /**
   * `POST /v2/policy-assignments/{assignmentUuid}:updateRanking` `{ rank }`: 0 (or none) is a
   * validation error, above the target's count a failed precondition, the others reordered [spec:
   * the body's rank]. Answers the moved assignment (the API itself answers `{}`).
   */
  rankAssignment(tenantId: string, uuid: string, rank: unknown): PolicyAssignment {
    const tenant = this.cloud.tenant(tenantId);
    this.ownAssignment(tenant, requireUuid(uuid, "assignmentUuid"));
    const wanted = int64Field(rank, "rank");
    if (wanted === 0)
      throw new ModelError("invalid", "rank is required and cannot be 0: rank 1 is the highest priority");
    return this.cloud.changed(tenant.policyBook.rank(uuid, wanted));
  }

  private parseTarget(value: unknown): [PolicyTargetKind, string] {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw new ModelError(
        "invalid",
        'assignment.target is required: give exactly one of { "deviceGroupUuid" }, { "deviceUuid" }, { "subscriptionUuid" }',
      );
    }
    const target = value as Record<string, unknown>;
    const given = POLICY_TARGET_KINDS.filter(
      (k) => target[k] !== undefined && target[k] !== null && target[k] !== "",
    );
    if (given.length !== 1) {
      throw new ModelError(
        "invalid",
        `assignment.target must name exactly one of deviceGroupUuid, deviceUuid, subscriptionUuid (got ${given.length === 0 ? "none" : given.join(" and ")})`,
      );
    }
    return [given[0], requireText(target[given[0]], `assignment.target.${given[0]}`)];
  }

  /**
   * The target must exist in the caller's tenant (404, or 403 for another tenant's) [assumed, as
   * for a group's parent]. The emulator has no subscriptions, so each is unknown [assumed]. Through
   * the API, All and linked groups follow `policiesOnSpecialGroups` [assumed]; Lost & found is an
   * ordinary target.
   */
  private checkTarget(tenant: Tenant, kind: PolicyTargetKind, uuid: string, by: PolicyActor): void {
    if (kind === "subscriptionUuid") {
      throw new ModelError("not-found", `subscription ${uuid} not found (the emulator has no subscriptions)`);
    }
    if (kind === "deviceUuid") {
      if (tenant.devices.has(uuid)) return;
      if ([...this.cloud.tenants.values()].some((t) => t.devices.has(uuid))) {
        throw new ModelError("other-tenant", `device ${uuid} belongs to another tenant`);
      }
      throw new ModelError("not-found", `device ${uuid} not found`);
    }
    this.cloud.ownGroup(tenant, uuid);
    if (by === "console" || this.cloud.policyRules.policiesOnSpecialGroups === "allow") return;
    const group = tenant.group(uuid);
    if (uuid === ALL_GROUP_UUID || group.linkedEntityType !== STATIC_GROUP_TYPE) {
      throw new ModelError(
        "refused",
        `no policy can be assigned to ${describeGroup(group)} through the API: ${uuid === ALL_GROUP_UUID ? "it is the All group" : `it is linked to an entity (${group.linkedEntityType})`}`,
      );
    }
  }

  /** The tenant whose book has this policy as a custom one, or "built-in", or undefined. */
  private policyTenant(uuid: string): Tenant | "built-in" | undefined {
    for (const t of this.cloud.tenants.values()) {
      const policy = t.policyBook.policies.get(uuid);
      if (policy?.builtIn) return "built-in";
      if (policy) return t;
    }
    return undefined;
  }

  private ownPolicy(tenant: Tenant, uuid: string): void {
    if (tenant.policyBook.policies.has(uuid)) return;
    if (this.policyTenant(uuid) !== undefined) {
      throw new ModelError("other-tenant", `policy ${uuid} belongs to another tenant`);
    }
    throw new ModelError("not-found", `policy ${uuid} not found`);
  }

  private ownAssignment(tenant: Tenant, uuid: string): void {
    if (tenant.policyBook.hasAssignment(uuid)) return;
    if ([...this.cloud.tenants.values()].some((t) => t.policyBook.hasAssignment(uuid))) {
      throw new ModelError("other-tenant", `policy assignment ${uuid} belongs to another tenant`);
    }
    throw new ModelError("not-found", `policy assignment ${uuid} not found`);
  }
}
