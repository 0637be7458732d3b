import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { actorOf } from "../../../tests/helpers/actors";
import { apiClient } from "../../../tests/helpers/api";
import { createTestDatabase, onPostgres } from "../../../tests/helpers/db";
import { restoreEnv, setEnv } from "../../../tests/helpers/env";
import { openPostgres, type Database } from "../db/client";
import { queryRows } from "../db/rows";
import {
  auditLog,
  mailOutbox,
  webhookDeliveries,
  webhookEndpoints,
  webhookEvents,
  type User,
} from "../db/schema";
import { createCourseTree, createEnrollment, createUser } from "../db/seed/factories";
import { runCleanup } from "../jobs/cleanup";
import { setLessonProgress } from "../learning/progress";
import type { Actor } from "../accounts/actor";
import { backoffMs, deliverDueWebhooks, eventBody } from "./delivery";
import { emitWebhookEvent, invalidateWebhookSubscriptions, watchWebhookSubscriptions } from "./events";
import { checkWebhookUrl, postWebhook, refusedAddress } from "./outbound";
import { openSecret } from "./secret-box";
import {
  createWebhookEndpoint,
  listWebhookDeliveries,
  resendWebhookDelivery,
  rotateWebhookSecret,
  sendTestWebhook,
  updateWebhookEndpoint,
} from "./webhooks";

let database: Database & { url?: string };
beforeAll(async () => {
  setEnv({ WEBHOOK_SECRET_KEY: "k".repeat(40) });
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
  restoreEnv();
});
const db = () => database.db;

/** A loopback receiver: records every request; `answers` decides each status in turn (then 200). */
interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}
async function receiver(answers: number[] = [], delayMs = 0) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      const status = answers.shift() ?? 200;
      setTimeout(() => res.writeHead(status).end("ok"), delayMs);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return { url, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
  // Each test owns its endpoints: the others' would receive its events.
  await db().delete(webhookEndpoints);
});

async function admin(): Promise<Actor> {
  return actorOf(await createUser(db(), { role: "ADMIN" }), "s1");
}

function verify(secret: string, r: Received): boolean {
  const ts = r.headers["webhook-timestamp"] as string;
  const expected = crypto.createHmac("sha256", secret).update(`${ts}.${r.body}`).digest("hex");
  return (r.headers["webhook-signature"] as string)
    .split(" ")
    .some(
      (s) => s.startsWith("v1=") && crypto.timingSafeEqual(Buffer.from(s.slice(3)), Buffer.from(expected)),
    );
}

/** Drains due deliveries as the worker does, with the clock at `now`. */
const drain = (now = new Date()) => deliverDueWebhooks(db(), { now, random: () => 0.5 });

async function completeLesson(user: User, lessonId: string) {
  return setLessonProgress(db(), actorOf(user), lessonId, { completed: true });
}

describe("endpoints", () => {
  it("are registered by admins only, with the secret shown once and stored encrypted", async () => {
    const student = actorOf(await createUser(db()));
    await expect(
      createWebhookEndpoint(db(), student, { url: "https://example.com/h", events: ["lesson.completed"] }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const { endpoint, secret } = await createWebhookEndpoint(db(), await admin(), {
      url: "https://example.com/h",
      events: ["lesson.completed", "course.completed", "lesson.completed"],
    });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(endpoint.events).toEqual(["course.completed", "lesson.completed"]);
    const [row] = await db().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    expect(row!.secretCiphertext).not.toContain(secret.slice(6, 20));
    expect(openSecret(row!.secretCiphertext, endpoint.id)).toBe(secret);
    // Bound to its endpoint: the same ciphertext does not open as another's.
    expect(() => openSecret(row!.secretCiphertext, crypto.randomUUID())).toThrow();
    const [entry] = await db().select().from(auditLog).where(eq(auditLog.entityId, endpoint.id));
    expect(entry!.action).toBe("webhook.created");
    expect(JSON.stringify(entry)).not.toContain(secret);
  });

  it("refuse bad addresses and events with a message, and change nothing", async () => {
    const a = await admin();
    const bad = [
      { url: "ftp://example.com/x", events: ["lesson.completed"] },
      { url: "not a url", events: ["lesson.completed"] },
      { url: "https://user:pw@example.com/x", events: ["lesson.completed"] },
      { url: "https://10.1.2.3/x", events: ["lesson.completed"] },
      { url: "https://169.254.169.254/latest", events: ["lesson.completed"] },
      { url: "http://example.com/x", events: ["lesson.completed"] },
      { url: "https://example.com/x", events: [] },
      { url: "https://example.com/x", events: ["lesson.deleted"] },
    ];
    for (const input of bad) {
      await expect(createWebhookEndpoint(db(), a, input as never)).rejects.toMatchObject({
        code: "INVALID_INPUT",
      });
    }
    expect(await db().select().from(webhookEndpoints)).toHaveLength(0);
  });
});

describe("the outbox", () => {
  it("writes nothing when no endpoint wants the event, and nothing for a rolled-back change", async () => {
    const before = (await db().select({ id: webhookEvents.id }).from(webhookEvents)).length;
    await db().transaction((tx) =>
      emitWebhookEvent(tx, "user.deleted", { userId: "u1", deletedAt: new Date().toISOString() }),
    );
    expect(await db().select({ id: webhookEvents.id }).from(webhookEvents)).toHaveLength(before);

    const r = await receiver();
    closers.push(r.close);
    await createWebhookEndpoint(db(), await admin(), { url: r.url, events: ["user.deleted"] });
    await expect(
      db().transaction(async (tx) => {
        await emitWebhookEvent(tx, "user.deleted", { userId: "u2", deletedAt: new Date().toISOString() });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await db().select({ id: webhookEvents.id }).from(webhookEvents)).toHaveLength(before);
    await drain();
    expect(r.received).toHaveLength(0);
  });

  it("refuses a payload that does not match its event's schema (a bug, not a delivery)", async () => {
    await expect(
      db().transaction((tx) => emitWebhookEvent(tx, "user.deleted", { userId: "u1" } as never)),
    ).rejects.toThrow();
  });
});

describe("delivery", () => {
  it("sends a signed lesson.completed that verifies with the secret, once", async () => {
    const r = await receiver();
    closers.push(r.close);
    const { endpoint, secret } = await createWebhookEndpoint(db(), await admin(), {
      url: r.url,
      events: ["lesson.completed"],
    });
    const tree = await createCourseTree(db(), [2]);
    const student = await createUser(db());
    await createEnrollment(db(), student.id, tree.course.id);
    await completeLesson(student, tree.lessons[0]!.id);
    await completeLesson(student, tree.lessons[0]!.id); // the same completion again: no second event

    expect(await drain()).toMatchObject({ attempted: 1, delivered: 1 });
    expect(r.received).toHaveLength(1);
    const got = r.received[0]!;
    expect(verify(secret, got)).toBe(true);
    expect(verify("whsec_wrong", got)).toBe(false);
    const body = JSON.parse(got.body);
    expect(body).toMatchObject({
      type: "lesson.completed",
      id: got.headers["webhook-id"],
      data: {
        userId: student.id,
        courseId: tree.course.id,
        lessonId: tree.lessons[0]!.id,
        progressPercent: 50,
      },
    });
    expect(got.body).not.toContain(student.email);
    expect(got.headers["content-type"]).toBe("application/json");
    expect(Math.abs(Number(got.headers["webhook-timestamp"]) - Date.now() / 1000)).toBeLessThan(30);

    const page = await listWebhookDeliveries(db(), await admin(), endpoint.id);
    expect(page.items).toEqual([
      expect.objectContaining({
        eventType: "lesson.completed",
        status: "DELIVERED",
        attempts: 1,
        lastStatusCode: 200,
      }),
    ]);
    expect(await drain()).toMatchObject({ attempted: 0 });
  });

  it("retries a receiver that answers 500 twice then 200: three attempts, the same event id and body", async () => {
    const r = await receiver([500, 500]);
    closers.push(r.close);
    const a = await admin();
    const { endpoint } = await createWebhookEndpoint(db(), a, { url: r.url, events: ["user.deleted"] });
    await db().transaction((tx) =>
      emitWebhookEvent(tx, "user.deleted", { userId: "gone", deletedAt: new Date().toISOString() }),
    );
    const t0 = Date.now();
    expect(await drain(new Date(t0))).toMatchObject({ attempted: 1, retrying: 1 });
    // Not due again before its backoff.
    expect(await drain(new Date(t0 + 1000))).toMatchObject({ attempted: 0 });
    expect(await drain(new Date(t0 + backoffMs(1, () => 0.5) + 1000))).toMatchObject({ retrying: 1 });
    expect(await drain(new Date(t0 + 10 * 60_000))).toMatchObject({ delivered: 1 });
    expect(r.received).toHaveLength(3);
    expect(new Set(r.received.map((x) => x.headers["webhook-id"])).size).toBe(1);
    expect(new Set(r.received.map((x) => x.body)).size).toBe(1);
    const [d] = (await listWebhookDeliveries(db(), a, endpoint.id)).items;
    expect(d).toMatchObject({ status: "DELIVERED", attempts: 3, lastStatusCode: 200, lastError: null });
    const [ep] = await db().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    expect(ep!.failingSince).toBeNull();
  });

  it("backs off exponentially with jitter, gives up after 3 days, and disables an endpoint failing for 3 days", async () => {
    expect(backoffMs(1, () => 0.5)).toBe(30_000);
    expect(backoffMs(2, () => 0.5)).toBe(60_000);
    expect(backoffMs(30, () => 0.5)).toBe(6 * 3600_000);
    expect(backoffMs(1, () => 0)).toBe(22_500);
    expect(backoffMs(1, () => 1)).toBe(37_500);

    const r = await receiver(Array(1000).fill(503));
    closers.push(r.close);
    const adminUser = await createUser(db(), { role: "ADMIN" });
    const admins = actorOf(adminUser, "s1");
    const { endpoint } = await createWebhookEndpoint(db(), admins, { url: r.url, events: ["user.deleted"] });
    await db().transaction((tx) =>
      emitWebhookEvent(tx, "user.deleted", { userId: "x", deletedAt: new Date().toISOString() }),
    );
    let now = Date.now();
    let attempts = 0;
    for (let i = 0; i < 60; i++) {
      const report = await drain(new Date(now));
      attempts += report.attempted;
      now += 7 * 3600_000;
      if (report.failed > 0) break;
    }
    const [d] = await db()
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.endpointId, endpoint.id));
    expect(d!.status).toBe("FAILED");
    expect(attempts).toBeGreaterThan(5);
    const [ep] = await db().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    expect(ep).toMatchObject({ enabled: false, disabledReason: "FAILING" });
    const audit = await db().select().from(auditLog).where(eq(auditLog.entityId, endpoint.id));
    expect(audit.map((x) => x.action)).toContain("webhook.disabled");
    // The admins are told (demo mode keeps the e-mail in the local outbox).
    const mails = await db().select().from(mailOutbox).where(eq(mailOutbox.to, adminUser.email));
    expect(mails.map((m) => m.subject)).toEqual(["A webhook endpoint was disabled"]);
    expect(mails[0]!.text).toContain(r.url);
    // A disabled endpoint gets no new events; enabling it clears its failure state.
    await db().transaction((tx) =>
      emitWebhookEvent(tx, "user.deleted", { userId: "y", deletedAt: new Date().toISOString() }),
    );
    expect(
      await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpoint.id)),
    ).toHaveLength(1);
    const enabled = await updateWebhookEndpoint(db(), admins, endpoint.id, { enabled: true });
    expect(enabled).toMatchObject({ enabled: true, disabledReason: null, failingSince: null });
  });

  it("does not follow redirects, and times out or fails a closed port as a failed attempt", async () => {
    const r = await receiver([302]);
    closers.push(r.close);
    const result = await postWebhook(r.url, {}, "{}");
    expect(result).toMatchObject({
      status: 302,
      error: expect.stringContaining("redirects are not followed"),
    });
    const closed = await postWebhook("http://127.0.0.1:1/x", {}, "{}");
    expect(closed.status).toBeNull();
    expect(closed.error).toBeTruthy();
  });

  it("signs with both secrets for 24 hours after a rotation", async () => {
    const r = await receiver();
    closers.push(r.close);
    const a = await admin();
    const { endpoint, secret: oldSecret } = await createWebhookEndpoint(db(), a, {
      url: r.url,
      events: ["user.deleted"],
    });
    const { secret: newSecret, endpoint: rotated } = await rotateWebhookSecret(db(), a, endpoint.id);
    expect(newSecret).not.toBe(oldSecret);
    expect(rotated.previousSecretExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);
    await sendTestWebhook(db(), a, endpoint.id);
    await drain();
    expect(r.received).toHaveLength(1);
    expect(verify(oldSecret, r.received[0]!)).toBe(true);
    expect(verify(newSecret, r.received[0]!)).toBe(true);
    expect((r.received[0]!.headers["webhook-signature"] as string).split(" ")).toHaveLength(2);
    // After the overlap only the new one signs.
    await sendTestWebhook(db(), a, endpoint.id);
    await drain(new Date(Date.now() + 25 * 3600_000));
    expect(verify(oldSecret, r.received[1]!)).toBe(false);
    expect(verify(newSecret, r.received[1]!)).toBe(true);
    expect(JSON.parse(r.received[1]!.body)).toMatchObject({
      type: "webhook.test",
      data: { endpointId: endpoint.id },
    });
  });

  it("resends a delivered event with the same id; a queued one cannot be resent", async () => {
    const r = await receiver();
    closers.push(r.close);
    const a = await admin();
    const { endpoint } = await createWebhookEndpoint(db(), a, { url: r.url, events: ["user.deleted"] });
    const { deliveryId } = await sendTestWebhook(db(), a, endpoint.id);
    await expect(resendWebhookDelivery(db(), a, endpoint.id, deliveryId)).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await drain();
    await resendWebhookDelivery(db(), a, endpoint.id, deliveryId);
    await drain();
    expect(r.received).toHaveLength(2);
    expect(r.received[0]!.headers["webhook-id"]).toBe(r.received[1]!.headers["webhook-id"]);
    await expect(resendWebhookDelivery(db(), a, crypto.randomUUID(), deliveryId)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("keeps delivered events 30 days, then the cleanup removes them", async () => {
    const a = await admin();
    const { endpoint } = await createWebhookEndpoint(db(), a, {
      url: "https://example.com/h",
      events: ["user.deleted"],
    });
    const { eventId } = await sendTestWebhook(db(), a, endpoint.id);
    await db()
      .update(webhookDeliveries)
      .set({ status: "DELIVERED" })
      .where(eq(webhookDeliveries.eventId, eventId));
    await runCleanup(db(), { sessionMaxAgeDays: 30, now: new Date(Date.now() + 29 * 86_400_000) });
    expect(await db().select().from(webhookEvents).where(eq(webhookEvents.id, eventId))).toHaveLength(1);
    await runCleanup(db(), { sessionMaxAgeDays: 30, now: new Date(Date.now() + 31 * 86_400_000) });
    expect(await db().select().from(webhookEvents).where(eq(webhookEvents.id, eventId))).toHaveLength(0);
  });

  it("builds the body from the stored event: the same bytes on every attempt", () => {
    const e = {
      id: "e1",
      type: "user.deleted",
      createdAt: "2026-12-01T10:00:00.000Z",
      data: { userId: "u" },
    };
    expect(eventBody(e)).toBe(eventBody({ ...e, createdAt: new Date(e.createdAt) }));
  });
});

describe("SSRF protection in production mode", () => {
  const production = {
    APP_MODE: "production",
    DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/unused",
    APP_URL: "https://learn.example.com",
    AUTH_SECRET: "x".repeat(40),
    EMAIL_SERVER: "smtp://127.0.0.1:2525",
    EMAIL_FROM: "a@example.com",
    CERTIFICATE_SIGNING_KEY: Buffer.alloc(32, 9).toString("base64"),
  };
  afterEach(() => {
    restoreEnv();
    setEnv({ WEBHOOK_SECRET_KEY: "k".repeat(40) });
  });

  it("refuses loopback, private, link-local and mapped addresses, at registration and at connection", async () => {
    const r = await receiver();
    closers.push(r.close);
    setEnv(production);
    for (const address of [
      "127.0.0.1",
      "10.0.0.5",
      "172.20.1.1",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "::1",
      "fe80::1",
      "fd12::1",
      "::ffff:127.0.0.1",
      "::ffff:7f00:1",
      "64:ff9b::a00:1",
    ]) {
      expect(refusedAddress(address), address).not.toBeNull();
    }
    for (const address of ["93.184.216.34", "2606:2800:220:1::1"]) expect(refusedAddress(address)).toBeNull();
    expect(checkWebhookUrl(r.url)).toMatch(/https/);
    expect(checkWebhookUrl("https://127.0.0.1:8443/x")).toMatch(/cannot receive/);
    expect(checkWebhookUrl("https://[::1]/x")).toMatch(/cannot receive/);
    // A name that resolves to loopback passes the form (it is a name) but is refused when connecting.
    const viaName = await postWebhook("https://localhost:1/x", {}, "{}");
    expect(viaName).toMatchObject({
      status: null,
      error: expect.stringMatching(/refused: localhost resolves to/),
    });
    expect(r.received).toHaveLength(0);
  });

  it("reaches a private network listed in WEBHOOK_ALLOWED_NETWORKS", () => {
    setEnv({ ...production, WEBHOOK_ALLOWED_NETWORKS: "10.20.0.0/16, fd00::/8" });
    expect(refusedAddress("10.20.3.4")).toBeNull();
    expect(refusedAddress("10.21.3.4")).not.toBeNull();
    expect(refusedAddress("fd00::5")).toBeNull();
  });

  it("a production server without WEBHOOK_SECRET_KEY refuses to register endpoints, with a reason", async () => {
    setEnv({ ...production, WEBHOOK_SECRET_KEY: undefined });
    await expect(
      createWebhookEndpoint(db(), await admin(), { url: "https://example.com/h", events: ["user.deleted"] }),
    ).rejects.toMatchObject({
      code: "UNAVAILABLE",
      userMessage: expect.stringContaining("WEBHOOK_SECRET_KEY"),
    });
  });
});

describe("the admin API", () => {
  it("registers, lists, changes, tests and deletes an endpoint; students get 403", async () => {
    const adminUser = await createUser(db(), { role: "ADMIN" });
    const call = apiClient({ db, actor: () => actorOf(adminUser, "s1") });
    const write = { headers: { origin: "http://localhost:3000", cookie: "authjs.session-token=x" } };
    const created = await call("POST", "/api/v1/admin/webhooks", {
      ...write,
      body: { url: "https://example.com/hooks", events: ["payment.completed"], description: "CRM" },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.endpoint.id as string;
    expect(created.body.secret).toMatch(/^whsec_/);
    const list = await call("GET", "/api/v1/admin/webhooks");
    expect(list.body.items.map((e: { id: string }) => e.id)).toContain(id);
    expect(JSON.stringify(list.body)).not.toContain(created.body.secret);
    const patched = await call("PATCH", `/api/v1/admin/webhooks/${id}`, {
      ...write,
      body: { enabled: false },
    });
    expect(patched.body.endpoint).toMatchObject({ enabled: false, disabledReason: "BY_ADMIN" });
    expect((await call("POST", `/api/v1/admin/webhooks/${id}/test`, write)).status).toBe(409);
    await call("PATCH", `/api/v1/admin/webhooks/${id}`, { ...write, body: { enabled: true } });
    // Asking for what it already is changes nothing and is not an error.
    const again = await call("PATCH", `/api/v1/admin/webhooks/${id}`, { ...write, body: { enabled: true } });
    expect(again.status).toBe(200);
    expect((await call("POST", `/api/v1/admin/webhooks/${id}/test`, write)).status).toBe(202);
    const deliveries = await call("GET", `/api/v1/admin/webhooks/${id}/deliveries`);
    expect(deliveries.body.items).toEqual([
      expect.objectContaining({ eventType: "webhook.test", status: "PENDING" }),
    ]);
    const rotated = await call("POST", `/api/v1/admin/webhooks/${id}/secret`, write);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    const bad = await call("PATCH", `/api/v1/admin/webhooks/${id}`, {
      ...write,
      body: { url: "http://example.com" },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields[0].path).toBe("body.url");
    expect((await call("DELETE", `/api/v1/admin/webhooks/${id}`, write)).status).toBe(204);
    expect((await call("GET", `/api/v1/admin/webhooks/${id}`)).status).toBe(404);

    const student = await createUser(db());
    const asStudent = apiClient({ db, actor: () => actorOf(student, "s2") });
    expect((await asStudent("GET", "/api/v1/admin/webhooks")).status).toBe(403);
  });
});

describe.runIf(onPostgres)("on PostgreSQL, concurrently", () => {
  it("ten concurrent completions give ten deliveries with distinct event ids", async () => {
    const r = await receiver();
    closers.push(r.close);
    await createWebhookEndpoint(db(), await admin(), { url: r.url, events: ["lesson.completed"] });
    const tree = await createCourseTree(db(), [3]);
    const students = await Promise.all(Array.from({ length: 10 }, () => createUser(db())));
    for (const s of students) await createEnrollment(db(), s.id, tree.course.id);
    await Promise.all(students.map((s) => completeLesson(s, tree.lessons[0]!.id)));
    await drain();
    expect(r.received).toHaveLength(10);
    const ids = new Set(r.received.map((x) => x.headers["webhook-id"]));
    expect(ids.size).toBe(10);
    expect(new Set(r.received.map((x) => JSON.parse(x.body).data.userId))).toEqual(
      new Set(students.map((s) => s.id)),
    );
  });

  it("two app instances draining together never attempt one delivery twice", async () => {
    const r = await receiver([], 30);
    closers.push(r.close);
    await createWebhookEndpoint(db(), await admin(), { url: r.url, events: ["user.deleted"] });
    const count = 60;
    for (let i = 0; i < count; i++) {
      await db().transaction((tx) =>
        emitWebhookEvent(tx, "user.deleted", { userId: `u${i}`, deletedAt: new Date().toISOString() }),
      );
    }
    // A second instance: its own pool on the same database.
    const other = openPostgres(database.url!, 6);
    try {
      const loop = async (d: Database) => {
        for (;;) {
          const report = await deliverDueWebhooks(d.db, { limit: 5 });
          if (report.attempted === 0) return;
        }
      };
      await Promise.all([loop(database), loop(other), loop(database), loop(other)]);
    } finally {
      await other.close();
    }
    const perEvent = new Map<string, number>();
    for (const x of r.received)
      perEvent.set(
        x.headers["webhook-id"] as string,
        (perEvent.get(x.headers["webhook-id"] as string) ?? 0) + 1,
      );
    expect(perEvent.size).toBe(count);
    expect([...perEvent.values()].every((n) => n === 1)).toBe(true);
    const [row] = await queryRows<{ attempts: number }>(
      db(),
      sql`SELECT sum(attempts)::int AS attempts FROM webhook_deliveries`,
    );
    expect(row!.attempts).toBe(count);
  });
});

describe("subscriptions remembered by a server process", () => {
  afterEach(() => watchWebhookSubscriptions(null));
  const deleted = (userId: string) =>
    db().transaction((tx) =>
      emitWebhookEvent(tx, "user.deleted", { userId, deletedAt: new Date().toISOString() }),
    );
  const eventsFor = async (userId: string) =>
    (await db().select().from(webhookEvents)).filter(
      (e) => (e.payload as { userId?: string }).userId === userId,
    );

  it("skip the statement for an event nobody wants, and are forgotten when the watcher reports a change", async () => {
    watchWebhookSubscriptions(() => db());
    await deleted("before-any-endpoint"); // not remembered yet: asks the database, and learns nobody wants it
    await new Promise((r) => setTimeout(r, 200));
    // An endpoint appears without the process being told: what it remembers still says nobody wants the event.
    await db()
      .insert(webhookEndpoints)
      .values({ url: "https://example.com/h", events: ["user.deleted"], secretCiphertext: "v1.x" });
    await deleted("while-remembered");
    expect(await eventsFor("while-remembered")).toHaveLength(0);
    // The watcher reports the change (the trigger below announces it): the next event goes to the database.
    invalidateWebhookSubscriptions();
    await deleted("after-the-change");
    expect(await eventsFor("after-the-change")).toHaveLength(1);
    // Without a watcher nothing is remembered: every event asks the database.
    watchWebhookSubscriptions(null);
    await deleted("unwatched");
    expect(await eventsFor("unwatched")).toHaveLength(1);
  });

  it("a change of the endpoints advances the content version the watcher follows", async () => {
    const version = async () =>
      (await queryRows<{ v: string }>(db(), sql`SELECT last_value::text AS v FROM content_version`))[0]!.v;
    const before = await version();
    await createWebhookEndpoint(db(), await admin(), {
      url: "https://example.com/v",
      events: ["user.deleted"],
    });
    expect(BigInt(await version())).toBeGreaterThan(BigInt(before));
  });
});
