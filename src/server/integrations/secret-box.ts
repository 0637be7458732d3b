import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getEnv } from "../env";
import { AppError } from "../errors";

/**
 * Webhook signing secrets at rest (docs/decisions.md, "Outbound webhooks"): AES-256-GCM under a key of their
 * own, WEBHOOK_SECRET_KEY (rotating AUTH_SECRET breaks nothing), with the endpoint id as associated data so a
 * ciphertext copied to another endpoint does not decrypt. Demo mode generates the key once under DATA_DIR;
 * production without it has no webhooks (503 on registration, no deliveries).
 */

let cached: { source: string; key: Buffer } | undefined;

function rawKey(): string | undefined {
  const env = getEnv();
  if (env.webhookSecretKey) return env.webhookSecretKey;
  if (!env.isDemo) return undefined;
  const file = path.join(env.dataDir, "webhook-secret-key");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(env.dataDir, { recursive: true });
    const secret = crypto.randomBytes(32).toString("base64url");
    try {
      fs.writeFileSync(file, secret + "\n", { mode: 0o600, flag: "wx" });
      return secret;
    } catch {
      return fs.readFileSync(file, "utf8").trim(); // another caller won the race
    }
  }
}

/** Whether this instance can keep webhook secrets (a key is configured, or demo mode). */
export const webhooksConfigured = () => getEnv().webhookSecretKey !== undefined || getEnv().isDemo;

function key(): Buffer {
  const source = rawKey();
  if (!source) {
    throw new AppError("UNAVAILABLE", {
      userMessage:
        "Webhooks are not configured on this server: set WEBHOOK_SECRET_KEY (at least 32 characters) and restart.",
    });
  }
  if (cached?.source !== source) {
    cached = { source, key: crypto.createHash("sha256").update(`aiw-webhook-secrets:${source}`).digest() };
  }
  return cached.key;
}

export function sealSecret(secret: string, endpointId: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key(), iv);
  cipher.setAAD(Buffer.from(endpointId));
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
}

export function openSecret(sealed: string, endpointId: string): string {
  const [version, data = ""] = sealed.split(".");
  if (version !== "v1") throw new Error("Unknown webhook secret format.");
  const raw = Buffer.from(data, "base64url");
  const decipher = crypto.createDecipheriv("aes-256-gcm", key(), raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(endpointId));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}

/** A new signing secret: `whsec_` + 32 random bytes in base64url. */
export const newSigningSecret = () => `whsec_${crypto.randomBytes(32).toString("base64url")}`;

/**
 * The signature headers of one attempt: `Webhook-Signature: v1=<hex>[ v1=<hex>]`, each an HMAC-SHA256 with one
 * live secret over `<timestamp>.<body>` (during a rotation both secrets sign).
 */
export function signatureHeader(secrets: string[], timestamp: number, body: string): string {
  return secrets
    .map((s) => `v1=${crypto.createHmac("sha256", s).update(`${timestamp}.${body}`).digest("hex")}`)
    .join(" ");
}
