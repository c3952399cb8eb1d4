import type { FastifyInstance } from "fastify";
import type { EmulatorContext } from "../context";
import { HttpError } from "../grpc-errors";
import { handleApiCall } from "../pipeline";
import { notServedOnThisDeployment } from "./deployment";
import { bearerCaller, jsonObjectBody, objectField, tenantOf } from "./shared";

/** The installer-management service: generate a GPO/SCCM deployment file. */
export function installerManagementRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  // "::" is find-my-way's escape for a literal colon.
  // Cloud only: ESET PROTECT On-Prem has no installer calls (see deployment.ts).
  app.post("/v1/gpo-sccm-files::generate", (request, reply) => {
    if (notServedOnThisDeployment(ctx, request, reply, "cloud")) return;
    return handleApiCall(ctx, request, reply, {
      identify: bearerCaller(ctx),
      run: (caller) => {
        // "requestBody": { ..., "required": true } [spec: POST /v1/gpo-sccm-files:generate].
        if (request.body === undefined || request.body === null) {
          throw new HttpError(
            400,
            'a body is required: send { "sendAnonymousDiagnosticData": false, "deviceEnrollmentSettings": { "securityGroupUuid": "..." } }',
          );
        }
        const body = jsonObjectBody(request);
        const enrollment = objectField(body, "deviceEnrollmentSettings");
        const file = ctx.cloud.generateGpoSccmFile(
          tenantOf(caller),
          {
            securityGroupUuid: enrollment?.securityGroupUuid,
            sendAnonymousDiagnosticData: body.sendAnonymousDiagnosticData,
          },
          new Date(ctx.clock.now()),
        );
        return { status: 200, body: { gpoSccmFile: file } };
      },
    });
  });
}
