import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorOf } from "../../../tests/helpers/actors";
import { apiClient } from "../../../tests/helpers/api";
import { createTestDatabase, onPostgres } from "../../../tests/helpers/db";
import { startEarlyInWindow } from "../../../tests/helpers/rate-window";
import type { Database } from "../db/client";
import { apiTokens, auditLog, certificates, users, type User } from "../db/schema";
import { createCourse, createEnrollment, createUser } from "../db/seed/factories";
import { buildOpenApiDocument } from "../http/openapi";
import { TOKEN_RATE_LIMIT } from "../http/execute";
import { apiOperations } from "../http/registry";
import { consumeRateLimit } from "../platform/rate-limit";
import { changeUserRole } from "./roles";
import { eraseMyAccount } from "./erase";
import {
  createApiToken,
  generateTokenSecret,
  grantedScopes,
  isWellFormedToken,
  MAX_LIVE_TOKENS,
  TOKEN_LENGTH,
} from "./api-tokens";
import type { Actor } from "./actor";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});
const db = () => database.db;

/** The API as a browser with this user's session would call it (or anonymously). */
const asSession = (user: User | null) =>
  apiClient({ db, actor: () => (user ? ({ ...actorOf(user), sessionId: "s1" } as Actor) : null) });
const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

async function tokenFor(user: User, scopes: string[], extra: { expiresInDays?: number } = {}) {
  const res = await asSession(user)("POST", "/api/v1/me/tokens", {
    body: { name: `token ${scopes.join(" ")}`, scopes, ...extra },
    headers: { origin: "http://localhost:3000", cookie: "authjs.session-token=x" },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { token: { id: string }; secret: string };
}

describe("token secrets", () => {
  it("are aiw_ + 256 random bits + a checksum a scanner can check offline", () => {
    const a = generateTokenSecret();
    const b = generateTokenSecret();
    expect(a).not.toBe(b);
    expect(a).toMatch(/^aiw_[0-9A-Za-z]{49}$/);
    expect(a).toHaveLength(TOKEN_LENGTH);
    expect(isWellFormedToken(a)).toBe(true);
    const flipped = a.slice(0, 10) + (a[10] === "A" ? "B" : "A") + a.slice(11);
    expect(isWellFormedToken(flipped)).toBe(false);
    expect(isWellFormedToken(a.slice(0, -1))).toBe(false);
  });
});

describe("personal API tokens", () => {
  it("are created with the secret shown once, stored as a hash, listed without it, and act as their user", async () => {
    const user = await createUser(db(), { name: "Token Owner" });
    const { token, secret } = await tokenFor(user, ["learn:read"], { expiresInDays: 30 });
    const [row] = await db().select().from(apiTokens).where(eq(apiTokens.id, token.id));
    expect(row!.tokenHash).not.toContain(secret.slice(4, 20));
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(row!.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);

    const list = await asSession(user)("GET", "/api/v1/me/tokens");
    expect(list.body.items).toEqual([
      expect.objectContaining({ id: token.id, scopes: ["learn:read"], lastUsedAt: null, expired: false }),
    ]);
    expect(JSON.stringify(list.body)).not.toContain(secret);

    const anonymous = asSession(null);
    const me = await anonymous("GET", "/api/v1/me", { headers: bearer(secret) });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: user.id, email: user.email, name: "Token Owner", role: "STUDENT" });
    await anonymous("GET", "/api/v1/me/enrollments", { headers: bearer(secret) });
    const firstUses = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, token.id), eq(auditLog.action, "token.first_used")));
    expect(firstUses).toHaveLength(1);
    const created = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, token.id), eq(auditLog.action, "token.created")));
    expect(created).toHaveLength(1);
    const [used] = await db().select().from(apiTokens).where(eq(apiTokens.id, token.id));
    expect(used!.lastUsedAt).not.toBeNull();

    const revoked = await asSession(user)("DELETE", `/api/v1/me/tokens/${token.id}`, {
      headers: { origin: "http://localhost:3000", cookie: "authjs.session-token=x" },
    });
    expect(revoked.status).toBe(204);
    const after = await anonymous("GET", "/api/v1/me", { headers: bearer(secret) });
    expect(after.status).toBe(401);
    expect(after.headers["www-authenticate"]).toMatch(/^Bearer /);
    expect(after.body.error.message).toMatch(/revoked/);
    expect((await asSession(user)("GET", "/api/v1/me/tokens")).body.items).toEqual([]);
  });

  it("refuses unknown, malformed, expired tokens and other schemes with 401 and WWW-Authenticate", async () => {
    const user = await createUser(db());
    const { token, secret } = await tokenFor(user, ["learn:read"], { expiresInDays: 1 });
    await db()
      .update(apiTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiTokens.id, token.id));
    const api = asSession(null);
    for (const [header, message] of [
      [`Bearer ${secret}`, /expired/],
      [`Bearer ${generateTokenSecret()}`, /not valid/],
      ["Bearer aiw_nope", /not valid/],
      ["Basic dXNlcjpwYXNz", /Bearer aiw_/],
    ] as const) {
      for (const path of ["/api/v1/me", "/api/v1/courses"]) {
        const res = await api("GET", path, { headers: { authorization: header } });
        expect(res.status, `${header} on ${path}`).toBe(401);
        expect(res.headers["www-authenticate"]).toContain('error="invalid_token"');
        expect(res.body.error.message).toMatch(message);
      }
    }
    const list = await asSession(user)("GET", "/api/v1/me/tokens");
    expect(list.body.items).toEqual([expect.objectContaining({ id: token.id, expired: true })]);
  });

  it("never falls back to the cookie on a token request, and a token request needs no same-origin header", async () => {
    const owner = await createUser(db());
    const other = await createUser(db());
    const { secret } = await tokenFor(owner, ["learn:read", "learn:write"]);
    // The other user's session cookie beside a bad token: refused, not served as the other user.
    const withOtherSession = asSession(other);
    const bad = await withOtherSession("GET", "/api/v1/me", {
      headers: { ...bearer(generateTokenSecret()), cookie: "authjs.session-token=other" },
    });
    expect(bad.status).toBe(401);
    // A good token beside the other user's cookie: the token's user, and no cross-site refusal.
    const good = await withOtherSession("PATCH", "/api/v1/me", {
      body: { name: "Renamed By Token" },
      headers: { ...bearer(secret), cookie: "authjs.session-token=other", origin: "https://evil.example" },
    });
    expect(good.status).toBe(200);
    expect(good.body.id).toBe(owner.id);
    const [otherRow] = await db().select().from(users).where(eq(users.id, other.id));
    expect(otherRow!.name).toBe(other.name);
  });

  it("answers a missing scope with 403 naming it; write includes read; admin is for admins only", async () => {
    const student = await createUser(db());
    const { secret } = await tokenFor(student, ["learn:read"]);
    const api = asSession(null);
    const res = await api("PATCH", "/api/v1/me", { body: { name: "Nope" }, headers: bearer(secret) });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain("learn:write");
    const writer = await tokenFor(student, ["learn:write"]);
    expect((await api("GET", "/api/v1/me", { headers: bearer(writer.secret) })).status).toBe(200);
    for (const scopes of [["admin"], ["author:write"]]) {
      const refused = await asSession(student)("POST", "/api/v1/me/tokens", {
        body: { name: "too much", scopes },
      });
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toContain(scopes[0]);
    }
    const bad = await asSession(student)("POST", "/api/v1/me/tokens", {
      body: { name: "", scopes: ["everything"], expiresInDays: 0 },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      "body.expiresInDays",
      "body.name",
      "body.scopes.0",
    ]);
  });

  it("cannot manage tokens, sessions, the export or the account itself", async () => {
    const user = await createUser(db());
    const { token, secret } = await tokenFor(user, ["learn:read", "learn:write"]);
    const api = asSession(null);
    for (const [method, path, body] of [
      ["GET", "/api/v1/me/tokens", undefined],
      ["POST", "/api/v1/me/tokens", { name: "child", scopes: ["learn:read"] }],
      ["DELETE", `/api/v1/me/tokens/${token.id}`, undefined],
      ["GET", "/api/v1/me/export", undefined],
      ["GET", "/api/v1/me/sessions", undefined],
      ["DELETE", "/api/v1/me", { confirmEmail: user.email }],
    ] as const) {
      const res = await api(method, path, { body, headers: bearer(secret) });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.message).toMatch(/signed in on the platform/);
    }
    expect(await db().select().from(users).where(eq(users.id, user.id))).toHaveLength(1);
    // The services refuse a token actor too, whatever calls them.
    await expect(
      eraseMyAccount(db(), { ...actorOf(user), tokenId: token.id }, { confirmEmail: user.email }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("declares a scope for every operation and admits a token only with it (generated from the OpenAPI document)", async () => {
    const doc = buildOpenApiDocument(apiOperations, "http://localhost:3000");
    const admin = await createUser(db(), { role: "ADMIN" });
    const all = ["learn:read", "learn:write", "author:read", "author:write", "admin"];
    const tokens = new Map<string, string>();
    for (const scope of all) tokens.set(scope, (await tokenFor(admin, [scope])).secret);
    const api = asSession(null);
    let checked = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, raw] of Object.entries(methods)) {
        const op = raw as { operationId: string; security?: Record<string, string[]>[] };
        expect(op.security, `${op.operationId} declares no security`).toBeDefined();
        const needs = op.security!.flatMap((s) => s.bearerToken ?? []);
        if (op.security!.some((s) => Object.keys(s).length === 0) && needs.length === 0) continue; // public
        const url = path.replace(/\{\w+\}/g, "00000000-0000-4000-8000-000000000000");
        const body = ["post", "put", "patch", "delete"].includes(method) ? {} : undefined;
        const answers = await Promise.all(
          all.map((scope) => api(method.toUpperCase(), url, { body, headers: bearer(tokens.get(scope)!) })),
        );
        for (const [i, scope] of all.entries()) {
          const res = answers[i]!;
          const gate = res.status === 403 && /scope|signed in on the platform/.test(res.body?.error?.message);
          expect(res.status, `${op.operationId} with ${scope}`).not.toBe(401);
          const admitted = [...grantedScopes([scope])].some((s) => needs.includes(s));
          expect(gate, `${op.operationId} with ${scope}: ${res.status} ${JSON.stringify(res.body)}`).toBe(
            !admitted,
          );
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(40);
  }, 180_000);

  it("are revoked by a role change and end with an erased account", async () => {
    const admin = await createUser(db(), { role: "ADMIN" });
    const teacher = await createUser(db(), { role: "INSTRUCTOR" });
    const { secret } = await tokenFor(teacher, ["author:read"]);
    const api = asSession(null);
    expect((await api("GET", "/api/v1/instructor/submissions", { headers: bearer(secret) })).status).toBe(
      200,
    );
    await changeUserRole(db(), actorOf(admin), { userId: teacher.id, role: "STUDENT" });
    const after = await api("GET", "/api/v1/instructor/submissions", { headers: bearer(secret) });
    expect(after.status).toBe(401);
    const [row] = await db().select().from(apiTokens).where(eq(apiTokens.userId, teacher.id));
    expect(row!.revokedReason).toBe("ROLE_CHANGED");

    const student = await createUser(db());
    const second = await tokenFor(student, ["learn:read"]);
    await eraseMyAccount(db(), actorOf(student), { confirmEmail: student.email });
    expect((await api("GET", "/api/v1/me", { headers: bearer(second.secret) })).status).toBe(401);
    expect(await db().select().from(apiTokens).where(eq(apiTokens.userId, student.id))).toHaveLength(0);
  });

  it("allows 20 live tokens at most; a revoked or expired one frees its place", async () => {
    const user = await createUser(db());
    const made = [];
    for (let i = 0; i < MAX_LIVE_TOKENS; i++) made.push(await tokenFor(user, ["learn:read"]));
    const full = await asSession(user)("POST", "/api/v1/me/tokens", {
      body: { name: "one too many", scopes: ["learn:read"] },
    });
    expect(full.status).toBe(409);
    expect(full.body.error.message).toMatch(/Revoke one/);
    await db()
      .update(apiTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiTokens.id, made[0]!.token.id));
    await tokenFor(user, ["learn:read"]);
  });

  it("has a rate limit per token, beside its user's", async () => {
    const user = await createUser(db());
    const { token, secret } = await tokenFor(user, ["learn:read"]);
    await startEarlyInWindow(TOKEN_RATE_LIMIT.windowSeconds);
    for (let i = 0; i < TOKEN_RATE_LIMIT.limit; i++) await consumeRateLimit(db(), TOKEN_RATE_LIMIT, token.id);
    const res = await asSession(null)("GET", "/api/v1/me", { headers: bearer(secret) });
    expect(res.status).toBe(429);
  }, 60_000);

  it.skipIf(!onPostgres)(
    "never gives a user a 21st live token when two are created at once (the user's row is locked first)",
    async () => {
      const user = await createUser(db());
      for (let i = 0; i < MAX_LIVE_TOKENS - 1; i++) {
        await createApiToken(db(), actorOf(user), { name: `t${i}`, scopes: ["learn:read"] });
      }
      const results = await Promise.allSettled(
        Array.from({ length: 4 }, (_, i) =>
          createApiToken(db(), actorOf(user), { name: `race ${i}`, scopes: ["learn:read"] }),
        ),
      );
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(await db().select().from(apiTokens).where(eq(apiTokens.userId, user.id))).toHaveLength(
        MAX_LIVE_TOKENS,
      );
    },
  );
});

describe("the profile API", () => {
  it("sets the name as the account page does, which issues a certificate that waited for one", async () => {
    const user = await createUser(db(), { name: null, emailVerified: new Date() });
    const course = await createCourse(db(), { title: "Named at last", published: true });
    await createEnrollment(db(), user.id, course.id, { status: "COMPLETED", completedAt: new Date() });
    const { secret } = await tokenFor(user, ["learn:write"]);
    const api = asSession(null);
    const invalid = await api("PATCH", "/api/v1/me", {
      body: { image: "http://insecure.example/a.png" },
      headers: bearer(secret),
    });
    expect(invalid.status).toBe(422);
    expect((await api("PATCH", "/api/v1/me", { body: {}, headers: bearer(secret) })).status).toBe(422);
    expect(await db().select().from(certificates).where(eq(certificates.userId, user.id))).toHaveLength(0);
    const named = await api("PATCH", "/api/v1/me", {
      body: { name: "Katherine Johnson" },
      headers: bearer(secret),
    });
    expect(named.status).toBe(200);
    expect(named.body).toMatchObject({ name: "Katherine Johnson", image: null });
    const certs = await db().select().from(certificates).where(eq(certificates.userId, user.id));
    expect(certs).toEqual([expect.objectContaining({ holderName: "Katherine Johnson" })]);
  });
});
