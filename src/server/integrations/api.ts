import "server-only";
import { z } from "zod";
import { defineOperation, reply } from "../http/operation";
import { ZApiError } from "../http/problem";
import { ZCursorParam } from "../pagination";
import { WEBHOOK_EVENT_TYPES } from "./events";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  getWebhookEndpoint,
  listWebhookDeliveries,
  listWebhookEndpoints,
  resendWebhookDelivery,
  rotateWebhookSecret,
  sendTestWebhook,
  updateWebhookEndpoint,
  ZWebhookCreate,
  ZWebhookUpdate,
} from "./webhooks";

const ts = z.iso.datetime({ offset: true });
const err = (description: string) => ({ description, schema: ZApiError });
const idParams = z.object({ id: z.string().min(1).max(64) });
const audit = (request: { requestId: string; ip: string | null }) => ({
  requestId: request.requestId,
  ip: request.ip,
});
const admin = { 401: err("Not signed in"), 403: err("Not an admin") };

const ZEndpointView = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
  enabled: z.boolean(),
  disabledAt: ts.nullable(),
  disabledReason: z
    .enum(["BY_ADMIN", "FAILING"])
    .nullable()
    .describe("FAILING: every attempt failed for 3 days, so the platform disabled it"),
  failingSince: ts.nullable().describe("The first failed attempt since the last success"),
  previousSecretExpiresAt: ts
    .nullable()
    .describe("After a rotation, until when the previous secret also signs; null otherwise"),
  createdAt: ts,
  updatedAt: ts,
});
const ZSecret = z
  .string()
  .describe(
    "The signing secret (whsec_…): shown only in this answer. Keep it in the receiver's configuration.",
  );
const ZDeliveryView = z.object({
  id: z.string(),
  eventId: z.string().describe("The event's id: the same in every attempt and in a resend"),
  eventType: z.string(),
  status: z.enum(["PENDING", "DELIVERED", "FAILED"]),
  attempts: z.number().int(),
  nextAttemptAt: ts.nullable(),
  lastAttemptAt: ts.nullable(),
  lastStatusCode: z.number().int().nullable(),
  lastLatencyMs: z.number().int().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: ts.nullable(),
  createdAt: ts,
});

export const listWebhooksOperation = defineOperation({
  operationId: "listWebhookEndpoints",
  method: "GET",
  path: "/api/v1/admin/webhooks",
  summary: "Webhook endpoints (newest first, at most 100)",
  tags: ["webhooks"],
  auth: "user",
  scopes: ["admin"],
  responses: {
    200: { description: "The endpoints", schema: z.object({ items: z.array(ZEndpointView) }) },
    ...admin,
  },
  handler: async (_input, { db, actor }) => ({ items: await listWebhookEndpoints(db, actor) }),
});

export const createWebhookOperation = defineOperation({
  operationId: "createWebhookEndpoint",
  method: "POST",
  path: "/api/v1/admin/webhooks",
  summary: "Register a webhook endpoint; the answer carries its signing secret, shown once",
  description:
    '`url` must be https (in demo mode, http to 127.0.0.1 or localhost is allowed). Addresses in private, loopback or link-local networks are refused unless WEBHOOK_ALLOWED_NETWORKS lists them. Requests are signed: see docs/api.md, "Webhooks".',
  tags: ["webhooks"],
  auth: "user",
  scopes: ["admin"],
  body: ZWebhookCreate,
  responses: {
    201: { description: "Registered", schema: z.object({ endpoint: ZEndpointView, secret: ZSecret }) },
    ...admin,
    409: err("Too many endpoints"),
    422: err("Invalid address or events"),
    503: err("WEBHOOK_SECRET_KEY is not set on this server"),
  },
  handler: async ({ body }, { db, actor, request }) =>
    reply(201, await createWebhookEndpoint(db, actor, body, audit(request))),
});

export const getWebhookOperation = defineOperation({
  operationId: "getWebhookEndpoint",
  method: "GET",
  path: "/api/v1/admin/webhooks/{id}",
  summary: "One webhook endpoint",
  tags: ["webhooks"],
  auth: "user",
  scopes: ["admin"],
  params: idParams,
  responses: {
    200: { description: "The endpoint", schema: z.object({ endpoint: ZEndpointView }) },
    ...admin,
    404: err("No such endpoint"),
  },
  handler: async ({ params }, { db, actor }) => ({
    endpoint: await getWebhookEndpoint(db, actor, params.id),
  }),
});

export const updateWebhookOperation = defineOperation({
  operationId: "updateWebhookEndpoint",
  method: "PATCH",
  path: "/api/v1/admin/webhooks/{id}",
  summary: "Change an endpoint's address, description or events; enable or disable it",
  description:
    "`enabled: false` pauses deliveries (they wait, and events keep coming only to enabled endpoints); `enabled: true` resumes them and clears a FAILING state.",
  tags: ["webhooks"],
  auth: "user",
  scopes: ["admin"],
  params: idParams,
  body: ZWebhookUpdate,
  responses: {
    200: { description: "The endpoint as changed", schema: z.object({ endpoint: ZEndpointView }) },
    ...admin,
    404: err("No such endpoint"),
    422: err("Invalid change"),
  },
  handler: async ({ params, body }, { db, actor, request }) => ({
    endpoint: await updateWebhookEndpoint(db, actor, params.id, body, audit(request)),
  }),
});

export const deleteWebhookOperation = defineOperation({
  operationId: "deleteWebhookEndpoint",
  method: "DELETE",
  path: "/api/v1/admin/webhooks/{id}",
  summary: "Delete an endpoint and its delivery history",
  tags: ["webhooks"],
  auth: "user",
  scopes: ["admin"],
  params: idParams,
  responses: { 204: { description: "Deleted" }, ...admin, 404: err("No such endpoint") },
  handler: async ({ params }, { db, actor, request }) => {
    await deleteWebhookEndpoint(db, actor, params.id, audit(request));
    return reply(204);
  },
});

export const rotateWebhookSecretOperation = defineOperation({
  operationId: "rotateWebhookSecret",
  method: "POST",
  path: "/api/v1/admin/webhooks/{id}/secret",
  summary: "Rotate the signing secret: the new one is shown once; the old one also signs for 24 hours",
  tags: ["webhooks"],
  auth: "user",
  scopes: ["admin"],
  params: idParams,
  responses: {
    200: { description: "Rotated", schema: z.object({ endpoint: ZEndpointView, secret: ZSecret }) },
    ...admin,
    404: err("No such endpoint"),
    503: err("WEBHOOK_SECRET_KEY is not set on this server"),
  },
  handler: async ({ params }, { db, actor, request }) =>
    rotateWebhookSecret(db, actor, params.id, audit(request)),
});

export const testWebhookOperation = defineOperation({
  operationId: "sendTestWebhook",
  method: "POST",
  path: "/api/v1/admin/webhooks/{id}/test",
  summary: "Queue a webhook.test event for this endpoint (sent within seconds)",
  tags: ["webhooks"],
  auth: "user",
  scopes: ["admin"],
  params: idParams,
  responses: {
    202: {
      description: "Queued: follow it in the deliveries",
      schema: z.object({ eventId: z.string(), deliveryId: z.string() }),
    },
    ...admin,
    404: err("No such endpoint"),
    409: err("The endpoint is disabled"),
  },
  handler: async ({ params }, { db, actor, request }) =>
    reply(202, await sendTestWebhook(db, actor, params.id, audit(request))),
});

export const listWebhookDeliveriesOperation = defineOperation({
  operationId: "listWebhookDeliveries",
  method: "GET",
  path: "/api/v1/admin/webhooks/{id}/deliveries",
  summary: "An endpoint's deliveries, newest first (kept 30 days)",
  tags: ["webhooks"],
  auth: "user",
  scopes: ["admin"],
  params: idParams,
  query: z.object({
    cursor: ZCursorParam,
    limit: z.coerce.number().int().min(1).max(100).optional().default(20),
  }),
  responses: {
    200: {
      description: "A page of deliveries",
      schema: z.object({ items: z.array(ZDeliveryView), nextCursor: z.string().nullable() }),
    },
    ...admin,
    404: err("No such endpoint"),
    422: err("Invalid cursor"),
  },
  handler: async ({ params, query }, { db, actor }) =>
    listWebhookDeliveries(db, actor, params.id, { cursor: query.cursor, limit: query.limit }),
});

export const resendWebhookDeliveryOperation = defineOperation({
  operationId: "resendWebhookDelivery",
  method: "POST",
  path: "/api/v1/admin/webhooks/{id}/deliveries/{deliveryId}/resend",
  summary: "Send a delivered or failed delivery again (same event id)",
  tags: ["webhooks"],
  auth: "user",
  scopes: ["admin"],
  params: z.object({ id: z.string().min(1).max(64), deliveryId: z.string().min(1).max(64) }),
  responses: {
    202: { description: "Queued again" },
    ...admin,
    404: err("No such delivery of this endpoint"),
    409: err("Already queued"),
  },
  handler: async ({ params }, { db, actor, request }) => {
    await resendWebhookDelivery(db, actor, params.id, params.deliveryId, audit(request));
    return reply(202);
  },
});

export const webhookOperations = [
  listWebhooksOperation,
  createWebhookOperation,
  getWebhookOperation,
  updateWebhookOperation,
  deleteWebhookOperation,
  rotateWebhookSecretOperation,
  testWebhookOperation,
  listWebhookDeliveriesOperation,
  resendWebhookDeliveryOperation,
];
