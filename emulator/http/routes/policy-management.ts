import type { FastifyInstance } from "fastify";
import type { EmulatorContext } from "../context";
import { HttpError } from "../grpc-errors";
import { handleApiCall } from "../pipeline";
import { bearerCaller, jsonObjectBody, objectField, queryOf, tenantOf } from "./shared";

/**
 * The Policy Management v2 service [spec: policy-management]: policies and their assignments. Served
 * on both deployments: On-Prem has "the same REST paths as the cloud for ... policies" [seen: public
 * clients]. Every call takes the pipeline's auth, shared rate limit, faults and 202s.
 */
export function policyManagementRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const identify = bearerCaller(ctx);
  const policies = ctx.cloud.policies;

  app.get("/v2/policies", (request, reply) =>
    handleApiCall(ctx, request, reply, {
      identify,
      run: (caller) => {
        const query = queryOf(request);
        const page = policies.listPolicies(tenantOf(caller), query.pageSize, query.pageToken);
        return { status: 200, body: { policies: page.items, nextPageToken: page.nextPageToken } };
      },
    }),
  );

  app.get<{ Params: { policyUuid: string } }>("/v2/policies/:policyUuid", (request, reply) =>
    handleApiCall(ctx, request, reply, {
      identify,
      run: (caller) => ({
        status: 200,
        body: { policy: policies.getPolicy(tenantOf(caller), request.params.policyUuid) },
      }),
    }),
  );

  // "requestBody": { ..., "required": true } [spec: POST /v2/policies].
  app.post("/v2/policies", (request, reply) =>
    handleApiCall(ctx, request, reply, {
      identify,
      run: (caller) => {
        const policy = objectField(jsonObjectBody(request), "policy");
        if (!policy)
          throw new HttpError(400, 'policy is required: send { "policy": { "displayName", ... } }');
        return { status: 200, body: { policy: policies.createPolicy(tenantOf(caller), policy, "api") } };
      },
    }),
  );

  app.delete<{ Params: { policyUuid: string } }>("/v2/policies/:policyUuid", (request, reply) =>
    handleApiCall(ctx, request, reply, {
      identify,
      run: (caller) => {
        policies.deletePolicy(tenantOf(caller), request.params.policyUuid, "api");
        return { status: 200, body: {} };
      },
    }),
  );

  app.get("/v2/policy-assignments", (request, reply) =>
    handleApiCall(ctx, request, reply, {
      identify,
      run: (caller) => {
        const page = policies.listAssignments(tenantOf(caller), request.query as Record<string, unknown>);
        return { status: 200, body: { assignments: page.items, nextPageToken: page.nextPageToken } };
      },
    }),
  );

  app.post("/v2/policy-assignments", (request, reply) =>
    handleApiCall(ctx, request, reply, {
      identify,
      run: (caller) => {
        const assignment = objectField(jsonObjectBody(request), "assignment");
        if (!assignment) {
          throw new HttpError(
            400,
            'assignment is required: send { "assignment": { "policyUuid", "target": { "deviceGroupUuid" } } }',
          );
        }
        return {
          status: 200,
          body: { assignment: policies.assignPolicy(tenantOf(caller), assignment, "api") },
        };
      },
    }),
  );

  // `{assignmentUuid}` and `{assignmentUuid}:updateRanking` share one path segment.
  app.get<{ Params: { target: string } }>("/v2/policy-assignments/:target", (request, reply) =>
    handleApiCall(ctx, request, reply, {
      identify,
      run: (caller) => ({
        status: 200,
        body: { assignment: policies.getAssignment(tenantOf(caller), request.params.target) },
      }),
    }),
  );

  app.delete<{ Params: { target: string } }>("/v2/policy-assignments/:target", (request, reply) =>
    handleApiCall(ctx, request, reply, {
      identify,
      run: (caller) => {
        policies.unassignPolicy(tenantOf(caller), request.params.target);
        return { status: 200, body: {} };
      },
    }),
  );

  app.post<{ Params: { target: string } }>("/v2/policy-assignments/:target", (request, reply) =>
    handleApiCall(ctx, request, reply, {
      identify,
      run: (caller) => {
        const { target } = request.params;
        const colon = target.lastIndexOf(":");
        if (colon <= 0 || target.slice(colon + 1) !== "updateRanking") {
          throw new HttpError(
            404,
            `no such operation POST /v2/policy-assignments/${target}: use {assignmentUuid}:updateRanking`,
          );
        }
        // "requestBody": { ..., "required": true } [spec]; a missing rank is rank 0, refused as such.
        const body = jsonObjectBody(request);
        policies.rankAssignment(tenantOf(caller), target.slice(0, colon), body.rank);
        // v2UpdatePolicyAssignmentRankingResponse is empty [spec].
        return { status: 200, body: {} };
      },
    }),
  );
}
