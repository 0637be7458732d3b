import { createHash } from "node:crypto";

/**
 * Demo rows get identifiers derived from their natural keys, so seeding twice (or on two machines)
 * produces the same rows and a second run is a no-op.
 */
export function demoId(...key: string[]): string {
  const h = createHash("sha256")
    .update(`aiw-demo:${key.join(":")}`)
    .digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Certificate numbers: AIW-<year>-<10 upper-case hex digits>, unguessable in real issuance, stable here. */
export function demoCertificateNumber(userKey: string, courseSlug: string, issuedAt: Date): string {
  const h = createHash("sha256").update(`aiw-demo-cert:${userKey}:${courseSlug}`).digest("hex");
  return `AIW-${issuedAt.getUTCFullYear()}-${h.slice(0, 10).toUpperCase()}`;
}
