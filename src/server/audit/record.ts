import "server-only";
import type { Db } from "../db/types";
import { auditLog } from "../db/schema";

export interface AuditActor {
  id: string | null;
  role?: string | null;
}

export interface AuditContext {
  requestId?: string | null;
  ip?: string | null;
}

export const SYSTEM: AuditActor = { id: null, role: "SYSTEM" };

const SECRET_KEYS = /token|secret|password|session_?token|access|refresh|id_token/i;

/** Drops anything that looks like a secret before it reaches the log (never store tokens). */
function scrub(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrub);
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([k]) => !SECRET_KEYS.test(k))
        .map(([k, v]) => [k, scrub(v)]),
    );
  }
  return value;
}

/**
 * Writes one audit entry in the caller's transaction (DESIGN.md convention 15): it commits or rolls back
 * with the change it records.
 */
export async function recordAudit(
  tx: Db,
  actor: AuditActor,
  entry: { action: string; entityType: string; entityId?: string | null; before?: unknown; after?: unknown },
  ctx: AuditContext = {},
) {
  await tx.insert(auditLog).values({
    actorId: actor.id,
    actorRole: actor.role ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    before: entry.before === undefined ? null : scrub(entry.before),
    after: entry.after === undefined ? null : scrub(entry.after),
    requestId: ctx.requestId ?? null,
    ip: ctx.ip ?? null,
  });
}
