import { createHash } from "node:crypto";
import { generateCertificateNumber } from "../../../lib/certificate-number";

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

/**
 * Demo certificate numbers: the real format (src/lib/certificate-number.ts, with its check character), drawn
 * from a hash of the natural key instead of random bytes so the seed stays stable.
 */
export function demoCertificateNumber(userKey: string, courseSlug: string, issuedAt: Date): string {
  const h = createHash("sha256").update(`aiw-demo-cert:${userKey}:${courseSlug}`).digest();
  let i = 0;
  return generateCertificateNumber(issuedAt.getUTCFullYear(), (max) => h[i++ % h.length]! % max);
}
