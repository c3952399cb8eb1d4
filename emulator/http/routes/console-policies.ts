import type { FastifyInstance } from "fastify";
import type { EmulatorContext } from "../context";
import { HttpError } from "../grpc-errors";
import { answer, consoleTarget, tenantOf } from "./console-shared";
import { jsonObjectBody, objectField } from "./shared";

/**
 * `/_emulator/console/policies` and `/_emulator/console/policy-assignments`: what a person does with
 * policies in ESET's web console (drift for tests): create or delete a custom policy, assign,
 * unassign, reorder. Like the rest of the console: no auth, no rate limit, no faults, not logged.
 */
export function consolePolicyRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const policies = ctx.cloud.policies;

  app.post("/_emulator/console/policies", (request, reply) =>
    answer(reply, () => {
      const policy = objectField(jsonObjectBody(request), "policy");
      if (!policy) throw new HttpError(400, 'policy is required: send { "policy": { "displayName" } }');
      return { policy: policies.createPolicy(tenantOf(request), policy, "console") };
    }),
  );

  app.delete<{ Params: { policyUuid: string } }>(
    "/_emulator/console/policies/:policyUuid",
    (request, reply) =>
      answer(reply, () => policies.deletePolicy(tenantOf(request), request.params.policyUuid, "console")),
  );

  app.post("/_emulator/console/policy-assignments", (request, reply) =>
    answer(reply, () => {
      const assignment = objectField(jsonObjectBody(request), "assignment");
      if (!assignment) {
        throw new HttpError(400, 'assignment is required: send { "assignment": { "policyUuid", "target" } }');
      }
      return { assignment: policies.assignPolicy(tenantOf(request), assignment, "console") };
    }),
  );

  app.delete<{ Params: { assignmentUuid: string } }>(
    "/_emulator/console/policy-assignments/:assignmentUuid",
    (request, reply) =>
      answer(reply, () => policies.unassignPolicy(tenantOf(request), request.params.assignmentUuid)),
  );

  app.post<{ Params: { target: string } }>(
    "/_emulator/console/policy-assignments/:target",
    (request, reply) =>
      answer(reply, () => {
        const { uuid } = consoleTarget(request.params.target, ["updateRanking"], "policy assignment");
        const rank = jsonObjectBody(request).rank;
        return { assignment: policies.rankAssignment(tenantOf(request), uuid, rank) };
      }),
  );
}
