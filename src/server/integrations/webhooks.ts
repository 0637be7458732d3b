import "server-only";
import crypto from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/types";
import { webhookDeliveries, webhookEndpoints, webhookEvents, type WebhookEndpoint } from "../db/schema";
import { recordAudit, type AuditContext } from "../audit/record";
import { assertRole, type Actor } from "../accounts/actor";
import { AppError, notFound } from "../errors";
import {
  decodeCursor,
  olderThan,
  timestampKey,
  toPage,
  withoutKey,
  ZTimeIdKey,
  type Page,
} from "../pagination";
import { parseInput } from "../validation";
import { WEBHOOK_EVENT_DESCRIPTIONS, WEBHOOK_EVENT_TYPES } from "./events";

export { WEBHOOK_EVENT_DESCRIPTIONS, WEBHOOK_EVENT_TYPES };
import { checkWebhookUrl } from "./outbound";
import { newSigningSecret, sealSecret } from "./secret-box";

/**
 * Webhook endpoints, managed by admins (docs/decisions.md, "Outbound webhooks"). Every change is audited; the
 * signing secret is shown once (on creation and on rotation) and otherwise never leaves the database
 * unencrypted except as signatures.
 */

/** How long the previous secret keeps signing after a rotation. */
export const ROTATION_OVERLAP_MS = 24 * 3600_000;

const ZUrl = z
  .string()
  .trim()
  .min(1, "Enter the address that should receive the events.")
  .max(2000, "An address is at most 2,000 characters.")
  .superRefine((v, ctx) => {
    const problem = checkWebhookUrl(v);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
const ZEvents = z
  .array(z.enum(WEBHOOK_EVENT_TYPES, { message: "Choose events from the list." }))
  .min(1, "Choose at least one event to send.")
  .max(WEBHOOK_EVENT_TYPES.length)
  .transform((events) => [...new Set(events)].sort());
const ZDescription = z.string().trim().max(200, "A description is at most 200 characters.");

export const ZWebhookCreate = z.object({
  url: ZUrl,
  description: ZDescription.optional().default(""),
  events: ZEvents,
});
export type TWebhookCreate = z.input<typeof ZWebhookCreate>;

export const ZWebhookUpdate = z
  .object({
    url: ZUrl.optional(),
    description: ZDescription.optional(),
    events: ZEvents.optional(),
    enabled: z.boolean().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), "Change at least one field.");
export type TWebhookUpdate = z.input<typeof ZWebhookUpdate>;

export interface WebhookEndpointView {
  id: string;
  url: string;
  description: string;
  events: string[];
  enabled: boolean;
  disabledAt: Date | null;
  disabledReason: "BY_ADMIN" | "FAILING" | null;
  failingSince: Date | null;
  /** Until when the previous secret still signs (after a rotation); null when only one secret signs. */
  previousSecretExpiresAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

function view(row: WebhookEndpoint, now = new Date()): WebhookEndpointView {
  const overlap =
    row.previousSecretExpiresAt && row.previousSecretExpiresAt > now ? row.previousSecretExpiresAt : null;
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.events,
    enabled: row.enabled,
    disabledAt: row.disabledAt,
    disabledReason: row.disabledReason as WebhookEndpointView["disabledReason"],
    failingSince: row.failingSince,
    previousSecretExpiresAt: overlap,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

const auditFields = (v: WebhookEndpointView) => ({
  url: v.url,
  description: v.description,
  events: v.events,
  enabled: v.enabled,
});

/** The 100 most recently created endpoints (a school has a handful; the list is bounded, not paginated). */
export const MAX_ENDPOINTS = 100;

export async function listWebhookEndpoints(db: Db, actor: Actor | null): Promise<WebhookEndpointView[]> {
  assertRole(actor, "ADMIN");
  const rows = await db
    .select()
    .from(webhookEndpoints)
    .orderBy(desc(webhookEndpoints.createdAt), desc(webhookEndpoints.id))
    .limit(MAX_ENDPOINTS);
  return rows.map((r) => view(r));
}

export async function getWebhookEndpoint(
  db: Db,
  actor: Actor | null,
  id: string,
): Promise<WebhookEndpointView> {
  assertRole(actor, "ADMIN");
  const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  if (!row) throw notFound("This webhook endpoint");
  return view(row);
}

/** Registers an endpoint; the answer carries its signing secret, which is never shown again. */
export async function createWebhookEndpoint(
  db: Db,
  actor: Actor | null,
  input: TWebhookCreate,
  ctx: AuditContext = {},
): Promise<{ endpoint: WebhookEndpointView; secret: string }> {
  assertRole(actor, "ADMIN");
  const v = parseInput(ZWebhookCreate, input);
  const id = crypto.randomUUID();
  const secret = newSigningSecret();
  const secretCiphertext = sealSecret(secret, id);
  return db.transaction(async (tx) => {
    const [{ n }] = (await tx.select({ n: sql<number>`count(*)::int` }).from(webhookEndpoints)) as [
      { n: number },
    ];
    if (n >= MAX_ENDPOINTS) {
      throw new AppError("CONFLICT", {
        userMessage: `This platform already has ${MAX_ENDPOINTS} webhook endpoints: delete one you no longer use first.`,
      });
    }
    const [row] = await tx
      .insert(webhookEndpoints)
      .values({ id, url: v.url, description: v.description, events: v.events, secretCiphertext })
      .returning();
    const endpoint = view(row!);
    await recordAudit(
      tx,
      actor,
      {
        action: "webhook.created",
        entityType: "webhook_endpoint",
        entityId: id,
        after: auditFields(endpoint),
      },
      ctx,
    );
    return { endpoint, secret };
  });
}

async function lockEndpoint(tx: Db, id: string): Promise<WebhookEndpoint> {
  const [row] = await tx.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).for("update");
  if (!row) throw notFound("This webhook endpoint");
  return row;
}

/** Changes an endpoint. Enabling one clears its failure state; disabling keeps its pending deliveries waiting. */
export async function updateWebhookEndpoint(
  db: Db,
  actor: Actor | null,
  id: string,
  input: TWebhookUpdate,
  ctx: AuditContext = {},
): Promise<WebhookEndpointView> {
  assertRole(actor, "ADMIN");
  const v = parseInput(ZWebhookUpdate, input);
  return db.transaction(async (tx) => {
    const before = view(await lockEndpoint(tx, id));
    const enabling = v.enabled === true && !before.enabled;
    const disabling = v.enabled === false && before.enabled;
    const [row] = await tx
      .update(webhookEndpoints)
      .set({
        updatedAt: new Date(),
        ...(v.url !== undefined && { url: v.url }),
        ...(v.description !== undefined && { description: v.description }),
        ...(v.events !== undefined && { events: v.events }),
        ...(enabling && { enabled: true, disabledAt: null, disabledReason: null, failingSince: null }),
        ...(disabling && { enabled: false, disabledAt: new Date(), disabledReason: "BY_ADMIN" }),
      })
      .where(eq(webhookEndpoints.id, id))
      .returning();
    const after = view(row!);
    await recordAudit(
      tx,
      actor,
      {
        action: "webhook.updated",
        entityType: "webhook_endpoint",
        entityId: id,
        before: auditFields(before),
        after: auditFields(after),
      },
      ctx,
    );
    return after;
  });
}

/** Deletes an endpoint and its delivery history. */
export async function deleteWebhookEndpoint(db: Db, actor: Actor | null, id: string, ctx: AuditContext = {}) {
  assertRole(actor, "ADMIN");
  await db.transaction(async (tx) => {
    const before = view(await lockEndpoint(tx, id));
    await tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id));
    await recordAudit(
      tx,
      actor,
      {
        action: "webhook.deleted",
        entityType: "webhook_endpoint",
        entityId: id,
        before: auditFields(before),
      },
      ctx,
    );
  });
}

/**
 * A new signing secret, shown once. The previous one keeps signing for 24 hours beside it (each request then
 * carries two signatures), so the receiver can switch without missing an event. Rotating again during the
 * overlap drops the oldest secret.
 */
export async function rotateWebhookSecret(
  db: Db,
  actor: Actor | null,
  id: string,
  ctx: AuditContext = {},
): Promise<{ endpoint: WebhookEndpointView; secret: string }> {
  assertRole(actor, "ADMIN");
  const secret = newSigningSecret();
  return db.transaction(async (tx) => {
    const row = await lockEndpoint(tx, id);
    const now = new Date();
    const [updated] = await tx
      .update(webhookEndpoints)
      .set({
        secretCiphertext: sealSecret(secret, id),
        previousSecretCiphertext: row.secretCiphertext,
        previousSecretExpiresAt: new Date(now.getTime() + ROTATION_OVERLAP_MS),
      })
      .where(eq(webhookEndpoints.id, id))
      .returning();
    const endpoint = view(updated!, now);
    await recordAudit(
      tx,
      actor,
      {
        action: "webhook.secret_rotated",
        entityType: "webhook_endpoint",
        entityId: id,
        after: { previousSecretExpiresAt: endpoint.previousSecretExpiresAt },
      },
      ctx,
    );
    return { endpoint, secret };
  });
}

/** Queues a `webhook.test` event for this endpoint alone (sent even when it does not subscribe to anything else). */
export async function sendTestWebhook(db: Db, actor: Actor | null, id: string, ctx: AuditContext = {}) {
  assertRole(actor, "ADMIN");
  return db.transaction(async (tx) => {
    const row = await lockEndpoint(tx, id);
    if (!row.enabled) {
      throw new AppError("CONFLICT", {
        userMessage: "This endpoint is disabled: enable it first, then send a test event.",
      });
    }
    const [event] = await tx
      .insert(webhookEvents)
      .values({ type: "webhook.test", payload: { endpointId: id, sentAt: new Date().toISOString() } })
      .returning({ id: webhookEvents.id });
    const [delivery] = await tx
      .insert(webhookDeliveries)
      .values({ eventId: event!.id, endpointId: id })
      .returning({ id: webhookDeliveries.id });
    await recordAudit(
      tx,
      actor,
      {
        action: "webhook.test_sent",
        entityType: "webhook_endpoint",
        entityId: id,
        after: { eventId: event!.id },
      },
      ctx,
    );
    return { eventId: event!.id, deliveryId: delivery!.id };
  });
}

export interface WebhookDeliveryView {
  id: string;
  eventId: string;
  eventType: string;
  status: "PENDING" | "DELIVERED" | "FAILED";
  attempts: number;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  lastStatusCode: number | null;
  lastLatencyMs: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

/** An endpoint's deliveries, newest first, keyset-paginated. */
export async function listWebhookDeliveries(
  db: Db,
  actor: Actor | null,
  endpointId: string,
  opts: { cursor?: string; limit?: number } = {},
): Promise<Page<WebhookDeliveryView>> {
  assertRole(actor, "ADMIN");
  const limit = Math.min(Math.max(opts.limit ?? 20, 1), 100);
  const after = decodeCursor(opts.cursor, ZTimeIdKey);
  const [endpoint] = await db
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.id, endpointId));
  if (!endpoint) throw notFound("This webhook endpoint");
  const d = webhookDeliveries;
  const rows = await db
    .select({
      id: d.id,
      eventId: d.eventId,
      eventType: webhookEvents.type,
      status: d.status,
      attempts: d.attempts,
      nextAttemptAt: d.nextAttemptAt,
      lastAttemptAt: d.lastAttemptAt,
      lastStatusCode: d.lastStatusCode,
      lastLatencyMs: d.lastLatencyMs,
      lastError: d.lastError,
      deliveredAt: d.deliveredAt,
      createdAt: d.createdAt,
      key: timestampKey(d.createdAt),
    })
    .from(d)
    .innerJoin(webhookEvents, eq(webhookEvents.id, d.eventId))
    .where(and(eq(d.endpointId, endpointId), after ? olderThan(d.createdAt, d.id, after) : undefined))
    .orderBy(desc(d.createdAt), desc(d.id))
    .limit(limit + 1);
  return toPage(rows, limit, (r) => [r.key, r.id], {
    map: (r) => {
      const rest = withoutKey(r);
      return {
        ...rest,
        status: rest.status as WebhookDeliveryView["status"],
        nextAttemptAt: rest.status === "PENDING" ? rest.nextAttemptAt : null,
      };
    },
  });
}

/** Sends a delivered or failed delivery again (same event id, so receivers can tell it is a repeat). */
export async function resendWebhookDelivery(
  db: Db,
  actor: Actor | null,
  endpointId: string,
  deliveryId: string,
  ctx: AuditContext = {},
) {
  assertRole(actor, "ADMIN");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ status: webhookDeliveries.status })
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.endpointId, endpointId)))
      .for("update");
    if (!row) throw notFound("This delivery");
    if (row.status === "PENDING") {
      throw new AppError("CONFLICT", {
        userMessage: "This delivery is already queued: it will be attempted again on its own.",
      });
    }
    await tx
      .update(webhookDeliveries)
      .set({
        status: "PENDING",
        nextAttemptAt: sql`now()`,
        retryUntil: sql`now() + interval '3 days'`,
        lastError: null,
      })
      .where(eq(webhookDeliveries.id, deliveryId));
    await recordAudit(
      tx,
      actor,
      {
        action: "webhook.resent",
        entityType: "webhook_delivery",
        entityId: deliveryId,
        after: { endpointId },
      },
      ctx,
    );
  });
}
