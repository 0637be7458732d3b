import "server-only";
import { z } from "zod";
import { exportUserDataForAdmin } from "../accounts/export";
import { defineOperation, download, reply } from "../http/operation";
import { ZApiError } from "../http/problem";
import { checkHealth } from "./health";

export const healthOperation = defineOperation({
  operationId: "getHealth",
  method: "GET",
  path: "/api/health",
  summary: "Health check: 200 when the database answers, 503 otherwise",
  tags: ["platform"],
  auth: "public",
  internal: true,
  responses: {
    200: { description: "Healthy" },
    503: { description: "The database does not answer" },
  },
  handler: async (_input, { db }) => {
    const report = await checkHealth(async () => db);
    return reply(report.status === "ok" ? 200 : 503, report);
  },
});

/** An admin downloads a user's data export (a data-access request handled on their behalf). */
export const adminUserExportOperation = defineOperation({
  operationId: "exportUserDataForAdmin",
  method: "GET",
  path: "/admin/users/{id}/export",
  summary: "A user's data export, downloaded by an admin (audited as the admin's act)",
  tags: ["admin"],
  auth: "user",
  internal: true,
  params: z.object({ id: z.string().min(1).max(64) }),
  responses: {
    200: { description: "The export, as a JSON download" },
    403: { description: "Not an admin", schema: ZApiError },
  },
  handler: async ({ params }, { db, actor, request }) => {
    const data = await exportUserDataForAdmin(db, actor, params.id, {
      requestId: request.requestId,
      ip: request.ip,
    });
    return download(
      `ai-whisperers-export-${params.id.slice(0, 8)}-${data.exportedAt.slice(0, 10)}.json`,
      "application/json; charset=utf-8",
      JSON.stringify(data),
    );
  },
});
