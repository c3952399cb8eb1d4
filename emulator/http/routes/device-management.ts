import type { FastifyInstance } from "fastify";
import type { EmulatorContext } from "../context";
import { handleApiCall } from "../pipeline";
import { bearerCaller, queryOf, tenantOf } from "./shared";

/** The device-management service: list groups, the devices in a group, and every device. */
export function deviceManagementRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const identify = bearerCaller(ctx);

  app.get("/v1/device_groups", (request, reply) =>
    handleApiCall(ctx, request, reply, {
      identify,
      run: (caller) => {
        const query = queryOf(request);
        const page = ctx.cloud.listDeviceGroups(tenantOf(caller), query.pageSize, query.pageToken);
        return { status: 200, body: { deviceGroups: page.items, nextPageToken: page.nextPageToken } };
      },
    }),
  );

  app.get<{ Params: { groupUuid: string } }>("/v1/device_groups/:groupUuid/devices", (request, reply) =>
    handleApiCall(ctx, request, reply, {
      identify,
      run: (caller) => {
        const query = queryOf(request);
        const page = ctx.cloud.listDevices(tenantOf(caller), request.params.groupUuid, {
          recurseSubgroups: query.recurseSubgroups,
          pageSize: query.pageSize,
          pageToken: query.pageToken,
        });
        return {
          status: 200,
          body: { devices: page.items, nextPageToken: page.nextPageToken, totalSize: page.totalSize },
        };
      },
    }),
  );

  // Every device of the tenant once [spec: "List all the managed [device]s"]; the answer is
  // { devices, nextPageToken } (v1ListDevicesResponse has no totalSize) [spec]. Its filters
  // (displayNames, functionalityStatus, isMuted) are applied and validated in the model.
  app.get("/v1/devices", (request, reply) =>
    handleApiCall(ctx, request, reply, {
      identify,
      run: (caller) => {
        const page = ctx.cloud.listTenantDevices(tenantOf(caller), request.query as Record<string, unknown>);
        return { status: 200, body: { devices: page.items, nextPageToken: page.nextPageToken } };
      },
    }),
  );
}
