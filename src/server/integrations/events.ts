import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/types";
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "../db/schema";

export { WEBHOOK_EVENT_TYPES, type WebhookEventType };

/**
 * What each outbound webhook event carries in `data` (docs/decisions.md, "Outbound webhooks"): ids and facts,
 * never e-mail addresses or names. Times are ISO 8601 strings; amounts are in minor units of `currency`.
 * These schemas are also the OpenAPI document's `webhooks` section.
 */
const ts = z.iso.datetime({ offset: true });
const id = z.string().min(1);

export const WEBHOOK_EVENT_SCHEMAS = {
  "enrollment.created": z.object({
    enrollmentId: id,
    userId: id,
    courseId: id,
    enrolledAt: ts,
  }),
  "lesson.completed": z.object({
    userId: id,
    courseId: id,
    lessonId: id,
    completedAt: ts,
    progressPercent: z.number().int().min(0).max(100).describe("The course's progress after this lesson"),
  }),
  "course.completed": z.object({ enrollmentId: id, userId: id, courseId: id, completedAt: ts }),
  "certificate.issued": z.object({
    certificateId: id,
    certificateNumber: z.string(),
    userId: id,
    courseId: id,
    issuedAt: ts,
  }),
  "certificate.revoked": z.object({
    certificateId: id,
    certificateNumber: z.string(),
    userId: id,
    courseId: id,
    revokedAt: ts,
    reason: z.string().describe("Why, as a fixed code (for example REFUNDED or ACCOUNT_ERASED)"),
  }),
  "quiz.attempt_submitted": z.object({
    attemptId: id,
    quizId: id.describe("The quiz's id: a quiz belongs to one lesson and shares its id"),
    lessonId: id,
    courseId: id,
    userId: id,
    submittedAt: ts,
    scorePercent: z.number().min(0).max(100).nullable().describe("Null while answers await manual grading"),
    passed: z.boolean().nullable(),
  }),
  "assignment.submitted": z.object({
    submissionId: id,
    assignmentId: id.describe("The assignment's id: an assignment belongs to one lesson and shares its id"),
    lessonId: id,
    courseId: id,
    userId: id,
    submittedAt: ts,
  }),
  "assignment.reviewed": z.object({
    submissionId: id,
    assignmentId: id,
    lessonId: id,
    courseId: id,
    userId: id,
    reviewedAt: ts,
    outcome: z.string().describe("The review's decision, as the submission's status"),
    score: z.number().nullable(),
  }),
  "payment.completed": z.object({
    paymentId: id,
    userId: id,
    courseId: id,
    amount: z.number().int(),
    currency: z.string(),
    completedAt: ts,
  }),
  "payment.refunded": z.object({
    paymentId: id,
    userId: id,
    courseId: id,
    amount: z.number().int(),
    currency: z.string(),
    refundedAt: ts,
  }),
  "review.created": z.object({
    reviewId: id,
    userId: id,
    courseId: id,
    rating: z.number().int().min(1).max(5),
    createdAt: ts,
  }),
  "user.deleted": z.object({ userId: id, deletedAt: ts }),
} satisfies Record<WebhookEventType, z.ZodType>;

export type WebhookEventData<T extends WebhookEventType> = z.input<(typeof WEBHOOK_EVENT_SCHEMAS)[T]>;

export const WEBHOOK_EVENT_DESCRIPTIONS: Record<WebhookEventType, string> = {
  "enrollment.created":
    "A student enrolled in a course (free, bought, or with a coupon), or enrolled again after a refund.",
  "lesson.completed": "A lesson became complete for a student (again, if they had marked it incomplete).",
  "course.completed": "A student completed every lesson of a course.",
  "certificate.issued": "A certificate was issued.",
  "certificate.revoked": "A certificate was revoked (the course was refunded, or the account erased).",
  "quiz.attempt_submitted": "A student submitted a quiz attempt.",
  "assignment.submitted": "A student submitted an assignment.",
  "assignment.reviewed": "An instructor reviewed an assignment submission.",
  "payment.completed": "A payment for a course succeeded.",
  "payment.refunded": "A payment was refunded.",
  "review.created": "A student reviewed a course.",
  "user.deleted": "An account was erased: delete what you keep about this user id.",
};

/**
 * Which event types some enabled endpoint wants, remembered by this process so that a hot path (a lesson
 * completion) sends no statement at all for an event nobody subscribes to. Trusted only while the server's
 * content watcher runs (`watchWebhookSubscriptions`): a statement trigger on webhook_endpoints announces every
 * change (migration 0023) and the watcher forgets the set within about a second on every instance; without
 * a watcher (tests, scripts, `next dev`) every event goes to the database. A reload that overlaps a change is
 * discarded (the generation moved). Shared through globalThis by the lean server and the Next.js bundle.
 */
interface Subscriptions {
  db: (() => Db) | null;
  generation: number;
  types: Set<string> | null;
  loading: boolean;
}
const SUBSCRIPTIONS = Symbol.for("ai-whisperers.webhook-subscriptions");
const subscriptions = (): Subscriptions =>
  ((globalThis as { [SUBSCRIPTIONS]?: Subscriptions })[SUBSCRIPTIONS] ??= {
    db: null,
    generation: 0,
    types: null,
    loading: false,
  });

/** The server's content watcher runs: remember subscriptions, read through `db`. */
export function watchWebhookSubscriptions(db: (() => Db) | null) {
  const s = subscriptions();
  s.db = db;
  invalidateWebhookSubscriptions();
}

/** Something changed (or the watcher reconnected): forget what was remembered. */
export function invalidateWebhookSubscriptions() {
  const s = subscriptions();
  s.generation += 1;
  s.types = null;
}

function reloadSubscriptions(s: Subscriptions) {
  if (s.loading || !s.db) return;
  s.loading = true;
  const generation = s.generation;
  const db = s.db();
  void db
    .execute(sql`SELECT DISTINCT unnest(events) AS type FROM webhook_endpoints WHERE enabled`)
    .then(
      (result) => {
        const rows = (result as unknown as { rows: { type: string }[] }).rows;
        if (generation === s.generation) s.types = new Set(rows.map((r) => r.type));
      },
      () => {}, // the next event asks again
    )
    .finally(() => {
      s.loading = false;
    });
}

/**
 * Writes `type` to the outbox in the caller's transaction, with one delivery per enabled endpoint that wants it
 * (one statement; nothing is written when no endpoint does, and no statement is sent when this process knows
 * none does). Committing the change commits the event; rolling it back leaves nothing to send. `data` is
 * checked against the event's schema: a wrong payload is a bug.
 */
export async function emitWebhookEvent<T extends WebhookEventType>(
  tx: Db,
  type: T,
  data: WebhookEventData<T>,
): Promise<void> {
  const payload = WEBHOOK_EVENT_SCHEMAS[type].parse(data);
  const s = subscriptions();
  if (s.db) {
    if (s.types && !s.types.has(type)) return;
    if (!s.types) reloadSubscriptions(s);
  }
  await tx.execute(sql`
    WITH ep AS (
      SELECT id FROM webhook_endpoints WHERE enabled AND ${type} = ANY (events)
    ), ev AS (
      INSERT INTO webhook_events (type, payload)
      SELECT ${type}, ${JSON.stringify(payload)}::jsonb WHERE EXISTS (SELECT 1 FROM ep)
      RETURNING id
    )
    INSERT INTO webhook_deliveries (event_id, endpoint_id)
    SELECT ev.id, ep.id FROM ev CROSS JOIN ep`);
}

/** ISO string of a timestamp as the payloads carry it. */
export const iso = (d: Date | string) => (typeof d === "string" ? new Date(d) : d).toISOString();
