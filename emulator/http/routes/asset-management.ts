import type { FastifyInstance } from "fastify";
import type { EmulatorContext } from "../context";
import { HttpError } from "../grpc-errors";
import { handleApiCall } from "../pipeline";
import { notServedOnThisDeployment } from "./deployment";
import { bearerCaller, jsonObjectBody, objectField, queryOf, tenantOf } from "./shared";

/** The asset-management service: create, move, rename and delete groups. */
export function assetManagementRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const identify = bearerCaller(ctx);

  app.post("/v1/groups", (request, reply) =>
    handleApiCall(ctx, request, reply, {
      identify,
      run: (caller) => {
        const group = objectField(jsonObjectBody(request), "group");
        if (!group)
          throw new HttpError(
            400,
            'group is required: send { "group": { "displayName", "parentGroupUuid", ... } }',
          );
        return { status: 200, body: { group: ctx.cloud.createGroup(tenantOf(caller), group) } };
      },
    }),
  );

  // `{groupUuid}:move` and `{groupUuid}:rename` share one path segment; the verb follows the last colon.
  app.post<{ Params: { target: string } }>("/v1/groups/:target", (request, reply) =>
    handleApiCall(ctx, request, reply, {
      identify,
      run: (caller) => {
        const { target } = request.params;
        const colon = target.lastIndexOf(":");
        const uuid = target.slice(0, colon);
        const verb = colon > 0 ? target.slice(colon + 1) : "";
        const body = jsonObjectBody(request);
        if (verb === "move") {
          return {
            status: 200,
            body: { group: ctx.cloud.moveGroup(tenantOf(caller), uuid, body.newParentUuid) },
          };
        }
        if (verb === "rename") {
          return {
            status: 200,
            body: { group: ctx.cloud.renameGroup(tenantOf(caller), uuid, body.displayName) },
          };
        }
        throw new HttpError(
          404,
          `no such operation POST /v1/groups/${target}: use {groupUuid}:move or {groupUuid}:rename`,
        );
      },
    }),
  );

  // Cloud only: ESET PROTECT On-Prem has no group delete (see deployment.ts).
  app.delete<{ Params: { groupUuid: string } }>("/v1/groups/:groupUuid", (request, reply) => {
    if (notServedOnThisDeployment(ctx, request, reply, "cloud")) return;
    return handleApiCall(ctx, request, reply, {
      identify,
      run: (caller) => {
        ctx.cloud.deleteGroup(
          tenantOf(caller),
          request.params.groupUuid,
          queryOf(request).releaseConsumedUnits,
        );
        return { status: 200, body: {} };
      },
    });
  });
}
