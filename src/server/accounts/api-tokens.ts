import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, gt, isNull, or, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../db/types";
import { API_TOKEN_SCOPES, apiTokens, users, type ApiTokenScope, type UserRole } from "../db/schema";
import { recordAudit, type AuditContext } from "../audit/record";
import { AppError, notFound } from "../errors";
import { parseInput } from "../validation";
import { assertBrowserSession, assertSignedIn, type Actor } from "./actor";
import { ZCreateToken } from "./schemas";

/**
 * Personal API tokens (docs/decisions.md, "Personal API tokens"): `aiw_` + 43 base62 characters (256 random
 * bits) + a 6-character CRC-32 checksum, so secret scanners can tell a real token from a random string without
 * asking us. Only the SHA-256 of the whole token is stored. Framework-free: the HTTP layer calls
 * `authenticateApiToken` for `Authorization: Bearer` requests.
 */

export type { ApiTokenScope };

export const TOKEN_PREFIX = "aiw_";
export const MAX_LIVE_TOKENS = 20;
const BODY_LENGTH = 43; // ceil(256 / log2(62))
const CHECKSUM_LENGTH = 6;
export const TOKEN_LENGTH = TOKEN_PREFIX.length + BODY_LENGTH + CHECKSUM_LENGTH;
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

export const SCOPE_LABELS: Record<ApiTokenScope, string> = {
  "learn:read": "Read your courses, lessons, progress, certificates and payments",
  "learn:write":
    "Learn: enroll, record progress, take quizzes, hand in work, write reviews, edit your profile",
  "author:read": "Read the courses you teach, their submissions and results",
  "author:write": "Edit the courses you teach and review submissions",
  admin: "Administer the platform (administrators only)",
};

/** `learn:write` includes `learn:read`, `author:write` includes `author:read`. */
export function grantedScopes(scopes: readonly string[]): Set<ApiTokenScope> {
  const out = new Set<ApiTokenScope>();
  for (const s of scopes) {
    if (!(API_TOKEN_SCOPES as readonly string[]).includes(s)) continue;
    out.add(s as ApiTokenScope);
    if (s === "learn:write") out.add("learn:read");
    if (s === "author:write") out.add("author:read");
  }
  return out;
}

/** The scopes a role may put on a token. */
export function scopesAllowedFor(role: UserRole): ApiTokenScope[] {
  if (role === "ADMIN") return [...API_TOKEN_SCOPES];
  if (role === "INSTRUCTOR") return ["learn:read", "learn:write", "author:read", "author:write"];
  return ["learn:read", "learn:write"];
}

function base62(bytes: Uint8Array, length: number): string {
  let n = BigInt(`0x${Buffer.from(bytes).toString("hex") || "0"}`);
  let out = "";
  for (let i = 0; i < length; i++) {
    out = BASE62[Number(n % 62n)]! + out;
    n /= 62n;
  }
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, i) => {
  let c = i;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(text: string): number {
  let c = 0xffffffff;
  for (const b of Buffer.from(text, "utf8")) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const checksumOf = (body: string) => {
  const n = crc32(body);
  return base62(new Uint8Array([n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]), CHECKSUM_LENGTH);
};

/** A new secret: prefix, 256 random bits in base62, checksum of what precedes it. */
export function generateTokenSecret(): string {
  const body = base62(randomBytes(32), BODY_LENGTH);
  return `${TOKEN_PREFIX}${body}${checksumOf(`${TOKEN_PREFIX}${body}`)}`;
}

/** Shaped like one of our tokens, checksum included (what a secret scanner checks offline). */
export function isWellFormedToken(token: string): boolean {
  if (token.length !== TOKEN_LENGTH || !token.startsWith(TOKEN_PREFIX)) return false;
  if (!/^[0-9A-Za-z]+$/.test(token.slice(TOKEN_PREFIX.length))) return false;
  const cut = token.length - CHECKSUM_LENGTH;
  return checksumOf(token.slice(0, cut)) === token.slice(cut);
}

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export interface ApiTokenView {
  id: string;
  name: string;
  displayPrefix: string;
  scopes: ApiTokenScope[];
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  expired: boolean;
}

const viewColumns = {
  id: apiTokens.id,
  name: apiTokens.name,
  displayPrefix: apiTokens.displayPrefix,
  scopes: apiTokens.scopes,
  createdAt: apiTokens.createdAt,
  lastUsedAt: apiTokens.lastUsedAt,
  expiresAt: apiTokens.expiresAt,
};

const toView = (row: {
  id: string;
  name: string;
  displayPrefix: string;
  scopes: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
}): ApiTokenView => ({
  ...row,
  scopes: row.scopes as ApiTokenScope[],
  expired: row.expiresAt !== null && row.expiresAt.getTime() <= Date.now(),
});

const isLive = (now: Date) =>
  and(isNull(apiTokens.revokedAt), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)));

/**
 * Creates a token for the signed-in user and returns its secret, once. At most MAX_LIVE_TOKENS live tokens:
 * the user's row is locked before counting, so two creations at once cannot both take the last place.
 */
export async function createApiToken(
  db: Db,
  actor: Actor | null,
  input: z.input<typeof ZCreateToken>,
  ctx: AuditContext = {},
): Promise<{ token: ApiTokenView; secret: string }> {
  assertSignedIn(actor);
  assertBrowserSession(actor);
  const valid = parseInput(ZCreateToken, input);
  return db.transaction(async (tx) => {
    const [me] = await tx
      .select({ role: users.role })
      .from(users)
      .where(eq(users.id, actor.id))
      .for("update");
    if (!me) throw notFound("Your account");
    const allowed = scopesAllowedFor(me.role);
    const refused = valid.scopes.filter((s) => !allowed.includes(s));
    if (refused.length > 0) {
      throw new AppError("FORBIDDEN", {
        userMessage: `Your role cannot give a token the ${refused.join(" and ")} scope${refused.length > 1 ? "s" : ""}.`,
      });
    }
    const now = new Date();
    const [{ live }] = (await tx
      .select({ live: sql<number>`count(*)::int` })
      .from(apiTokens)
      .where(and(eq(apiTokens.userId, actor.id), isLive(now)))) as [{ live: number }];
    if (live >= MAX_LIVE_TOKENS) {
      throw new AppError("CONFLICT", {
        userMessage: `You already have ${MAX_LIVE_TOKENS} active tokens, the most allowed. Revoke one you no longer use first.`,
      });
    }
    const secret = generateTokenSecret();
    const expiresAt = valid.expiresInDays ? new Date(now.getTime() + valid.expiresInDays * 86_400_000) : null;
    const [row] = await tx
      .insert(apiTokens)
      .values({
        userId: actor.id,
        name: valid.name,
        tokenHash: hashToken(secret),
        displayPrefix: secret.slice(0, TOKEN_PREFIX.length + 6),
        scopes: valid.scopes,
        expiresAt,
      })
      .returning(viewColumns);
    await recordAudit(
      tx,
      actor,
      {
        action: "token.created",
        entityType: "api_token",
        entityId: row!.id,
        after: { name: valid.name, scopes: valid.scopes, expiresAt },
      },
      ctx,
    );
    return { token: toView(row!), secret };
  });
}

/** The signed-in user's tokens that are not revoked (expired ones included, marked), newest first. */
export async function listMyApiTokens(db: Db, actor: Actor | null): Promise<ApiTokenView[]> {
  assertSignedIn(actor);
  assertBrowserSession(actor);
  const rows = await db
    .select(viewColumns)
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, actor.id), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id))
    .limit(200);
  return rows.map(toView);
}

/** Revokes one of the signed-in user's tokens (someone else's is not found). */
export async function revokeMyApiToken(db: Db, actor: Actor | null, tokenId: string, ctx: AuditContext = {}) {
  assertSignedIn(actor);
  assertBrowserSession(actor);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date(), revokedReason: "REVOKED_BY_USER" })
      .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, actor.id), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id, name: apiTokens.name });
    if (!row) throw notFound("That token");
    await recordAudit(
      tx,
      actor,
      { action: "token.revoked", entityType: "api_token", entityId: row.id, before: { name: row.name } },
      ctx,
    );
    return { revoked: true as const };
  });
}

/** A role change revokes every live token of the user (inside the change's transaction). */
export async function revokeTokensOnRoleChange(tx: Db, userId: string): Promise<number> {
  const rows = await tx
    .update(apiTokens)
    .set({ revokedAt: new Date(), revokedReason: "ROLE_CHANGED" })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length;
}

export interface TokenActor {
  actor: Actor;
  scopes: Set<ApiTokenScope>;
}

export const invalidToken = (why: string) =>
  new AppError("UNAUTHENTICATED", {
    userMessage: why,
    headers: { "www-authenticate": 'Bearer realm="ai-whisperers", error="invalid_token"' },
  });

/** How often the last-used time is written (at most once a minute per token, not on every request). */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Who a bearer token speaks for: the user as they are now (role from their row), with the token's scopes.
 * Unknown, malformed, revoked and expired tokens are all 401 (the message says which, never whose). The first
 * use is audited; the last-used time is kept to the minute.
 */
export async function authenticateApiToken(
  db: Db,
  token: string,
  ctx: AuditContext = {},
): Promise<TokenActor> {
  if (!isWellFormedToken(token)) {
    throw invalidToken("This API token is not valid. Create a token on your account page.");
  }
  const [row] = await db
    .select({
      id: apiTokens.id,
      scopes: apiTokens.scopes,
      lastUsedAt: apiTokens.lastUsedAt,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
      userId: users.id,
      role: users.role,
      email: users.email,
      emailVerified: users.emailVerified,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.tokenHash, hashToken(token)));
  if (!row) throw invalidToken("This API token is not valid. Create a token on your account page.");
  if (row.revokedAt) throw invalidToken("This API token was revoked. Create a new one on your account page.");
  const now = new Date();
  if (row.expiresAt && row.expiresAt <= now) {
    throw invalidToken("This API token has expired. Create a new one on your account page.");
  }
  const actor: Actor = {
    id: row.userId,
    role: row.role,
    email: row.email,
    emailVerified: Boolean(row.emailVerified),
    tokenId: row.id,
  };
  if (row.lastUsedAt === null) {
    await db.transaction(async (tx) => {
      const first = await tx
        .update(apiTokens)
        .set({ lastUsedAt: now })
        .where(and(eq(apiTokens.id, row.id), isNull(apiTokens.lastUsedAt)))
        .returning({ id: apiTokens.id });
      if (first.length > 0) {
        await recordAudit(
          tx,
          actor,
          { action: "token.first_used", entityType: "api_token", entityId: row.id },
          ctx,
        );
      }
    });
  } else if (now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
  }
  return { actor, scopes: grantedScopes(row.scopes) };
}
