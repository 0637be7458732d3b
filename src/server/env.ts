import { isIP } from "node:net";
import path from "node:path";
import { z } from "zod";
import { isSupportedCurrency, MAX_MINOR_DIGITS } from "../lib/money";

/**
 * The one place that reads process.env. `loadEnv` is pure (tests pass their own source);
 * `getEnv` parses the real environment once.
 */

const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no", ""])
  .optional()
  .transform((v) => v === "true" || v === "1" || v === "yes");

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const ZRawEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).optional(),
  APP_MODE: z
    .enum(["demo", "production"])
    .optional()
    .or(z.literal("").transform(() => undefined)),
  APP_URL: optionalString,
  HOST: optionalString,
  PORT: z.coerce.number().int().min(1).max(65535).optional().default(3000),
  DATABASE_URL: optionalString,
  /** A direct connection for session state (advisory locks, LISTEN) when DATABASE_URL goes through a pooler. */
  DATABASE_DIRECT_URL: optionalString,
  /** A streaming replica for reads that tolerate lag (src/server/db/replica.ts). */
  DATABASE_REPLICA_URL: optionalString,
  DATABASE_REPLICA_MAX_LAG_SECONDS: z.coerce.number().min(0).max(3600).optional().default(30),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).optional().default(10),
  /** Sends before a statement becomes a named prepared statement (src/server/db/prepared.ts); 0 turns it off. */
  DATABASE_PREPARE_THRESHOLD: z.coerce.number().int().min(0).max(1000).optional(),
  DATABASE_ALLOW_INSECURE: booleanFlag,
  DATA_DIR: optionalString,
  AUTH_SECRET: optionalString,
  /** The issuer's Ed25519 seed for signed certificates (32 bytes, base64 or base64url). */
  CERTIFICATE_SIGNING_KEY: optionalString,
  CURRENCY: z
    .string()
    .optional()
    .default("USD")
    .transform((v) => v.trim().toUpperCase())
    .refine((v) => /^[A-Z]{3}$/.test(v) && isKnownCurrency(v), "must be an ISO 4217 code such as USD or EUR")
    .refine(
      (v) => !isKnownCurrency(v) || isSupportedCurrency(v),
      `has more than ${MAX_MINOR_DIGITS} decimals in its minor unit, which prices on this platform cannot hold (USD, EUR, JPY and KWD work)`,
    ),
  EMAIL_SERVER: optionalString,
  EMAIL_FROM: optionalString,
  /** The seller's postal address printed on receipts (one line; commas separate its parts). */
  BUSINESS_ADDRESS: z.string().trim().max(300, "must be at most 300 characters").optional(),
  AUTH_GITHUB_ID: optionalString,
  AUTH_GITHUB_SECRET: optionalString,
  AUTH_GOOGLE_ID: optionalString,
  AUTH_GOOGLE_SECRET: optionalString,
  TRUST_PROXY: booleanFlag,
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).optional(),
  /** The bearer token of GET /metrics (Prometheus); unset: no metrics endpoint. */
  METRICS_TOKEN: z
    .string()
    .trim()
    .min(32, "must be at least 32 characters (for example: openssl rand -hex 32)")
    .max(200)
    .optional(),
  /** Encrypts webhook signing secrets at rest (≥32 characters); demo mode generates one under DATA_DIR. */
  WEBHOOK_SECRET_KEY: z
    .string()
    .trim()
    .min(32, "must be at least 32 characters (for example: openssl rand -base64 32)")
    .max(500)
    .optional(),
  /** Private networks (CIDR, comma-separated) webhooks may be sent to; none by default. */
  WEBHOOK_ALLOWED_NETWORKS: optionalString,
  /** The anonymous page cache (docs/decisions.md): entries, megabytes, seconds an entry may live; 0 entries = off. */
  PAGE_CACHE_MAX_ENTRIES: z.coerce.number().int().min(0).max(100_000).optional().default(5000),
  PAGE_CACHE_MAX_MB: z.coerce.number().int().min(1).max(4096).optional().default(256),
  PAGE_CACHE_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).optional().default(300),
  LESSON_HTML_CACHE_MAX_MB: z.coerce.number().int().min(0).max(4096).optional().default(64),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).optional().default("info"),
  STRIPE_SECRET_KEY: optionalString,
  STRIPE_WEBHOOK_SECRET: optionalString,
  /** Tests point the Stripe SDK at a local stand-in: http://127.0.0.1:PORT */
  STRIPE_API_BASE: optionalString,
  SESSION_MAX_AGE_DAYS: z.coerce.number().int().min(1).max(365).optional().default(30),
  SESSION_LIMIT: z.coerce.number().int().min(1).max(100).optional().default(10),
  RATE_LIMIT_SIGNIN_PER_ADDRESS: z.coerce.number().int().min(1).optional().default(5),
  RATE_LIMIT_SIGNIN_PER_CLIENT: z.coerce.number().int().min(1).optional().default(20),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).optional().default(900),
  IMAGE_HOSTS: optionalString,
  /** Uploaded files in S3-compatible object storage instead of the database (docs/decisions.md, "Files"). */
  STORAGE_S3_BUCKET: optionalString,
  STORAGE_S3_ENDPOINT: optionalString,
  STORAGE_S3_REGION: optionalString,
  STORAGE_S3_ACCESS_KEY_ID: optionalString,
  STORAGE_S3_SECRET_ACCESS_KEY: optionalString,
  STORAGE_S3_FORCE_PATH_STYLE: booleanFlag,
});

/** A DNS name of two or more labels (not an IP address, not "localhost"): what an image host may be. */
const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * IMAGE_HOSTS: the hosts whose https images pages may show (course covers, Markdown images), and the CSP's
 * img-src list. Plain host names only: no scheme, port, path or wildcard, so what the renderers check and
 * what the CSP allows are the same set.
 */
function parseImageHosts(value: string | undefined, problems: string[]): string[] {
  const hosts = new Set<string>();
  for (const item of (value ?? "").split(",")) {
    const host = item.trim().toLowerCase();
    if (host === "") continue;
    if (!HOST_NAME.test(host)) {
      problems.push(
        `IMAGE_HOSTS must be host names separated by commas, like images.example.com,cdn.example.org ` +
          `(no scheme, port, path, wildcard or IP address); "${item.trim().slice(0, 80)}" is not one.`,
      );
      continue;
    }
    hosts.add(host);
  }
  return [...hosts];
}

function isKnownCurrency(code: string): boolean {
  try {
    return (
      new Intl.NumberFormat("en", { style: "currency", currency: code }).resolvedOptions().currency === code
    );
  } catch {
    return false;
  }
}

export type AppMode = "demo" | "production";

export interface Env {
  nodeEnv: "development" | "production" | "test";
  mode: AppMode;
  isDemo: boolean;
  /** Demo mode listening beyond loopback (allowed only with APP_MODE=demo): warned at start and on every page. */
  isDemoExposed: boolean;
  appUrl: string;
  isHttps: boolean;
  host: string;
  port: number;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  databasePrepareThreshold: number;
  /** DATABASE_DIRECT_URL (defaults to DATABASE_URL): advisory locks and LISTEN bypass a pooler through it. */
  databaseDirectUrl: string | undefined;
  /** DATABASE_REPLICA_URL: catalog, course pages, public certificate lookups and analytics read from it. */
  databaseReplicaUrl: string | undefined;
  /** DATABASE_REPLICA_MAX_LAG_SECONDS in ms: a replica further behind is not read until it catches up. */
  databaseReplicaMaxLagMs: number;
  dataDir: string;
  authSecret: string | undefined;
  /** CERTIFICATE_SIGNING_KEY decoded (32 bytes); demo mode keeps a generated key in the database instead. */
  certificateSigningSeed: Uint8Array | undefined;
  currency: string;
  /** BUSINESS_ADDRESS: on receipts; null when unset. */
  businessAddress: string | null;
  email: { server: string; from: string } | undefined;
  oauth: { github?: { id: string; secret: string }; google?: { id: string; secret: string } };
  /**
   * Reverse proxies in front of the platform that append to X-Forwarded-For (TRUST_PROXY_HOPS; TRUST_PROXY=true
   * means 1). 0: the client is the socket's peer.
   */
  trustProxyHops: number;
  logLevel: "debug" | "info" | "warn" | "error" | "silent";
  /** Anonymous HTML cache bounds (src/server/http/page-cache.ts); maxEntries 0 turns it off. */
  pageCache: { maxEntries: number; maxBytes: number; ttlMs: number };
  /** Bytes of rendered lesson HTML kept in memory (0 renders every time). */
  lessonHtmlCacheBytes: number;
  /** Absolute session lifetime in days, on top of Auth.js's sliding expiry. */
  sessionMaxAgeDays: number;
  /** Live sessions per user; signing in beyond it revokes the oldest. */
  sessionLimit: number;
  rateLimits: { signInPerAddress: number; signInPerClient: number; windowSeconds: number };
  stripe: { secretKey: string; webhookSecret: string; apiBase: string | undefined } | undefined;
  /** Hosts whose https images may be shown (IMAGE_HOSTS); empty: images from the platform only. */
  imageHosts: string[];
  /** METRICS_TOKEN: GET /metrics answers only with it (Authorization: Bearer); undefined: no endpoint. */
  metricsToken: string | undefined;
  /** WEBHOOK_SECRET_KEY; undefined: demo mode generates one, production has no webhooks. */
  webhookSecretKey: string | undefined;
  /** WEBHOOK_ALLOWED_NETWORKS parsed: private ranges webhooks may reach (address, prefix length, family). */
  webhookAllowedNetworks: { address: string; prefix: number; family: "ipv4" | "ipv6" }[];
  /** Where uploaded files live: the database (default) or S3-compatible object storage. */
  storage: { backend: "DB" } | { backend: "S3"; s3: S3Settings };
}

export interface S3Settings {
  bucket: string;
  /** A custom endpoint (MinIO, R2, s3rver); unset: AWS's own for the region. */
  endpoint: string | undefined;
  region: string;
  /** Unset: the SDK's default credential chain (environment, profile, instance role). */
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
  forcePathStyle: boolean;
}

export class EnvError extends Error {
  constructor(public readonly problems: string[]) {
    super(
      `AI Whisperers cannot start: its configuration is incomplete or invalid.\n${problems
        .map((p) => `  - ${p}`)
        .join("\n")}\nSee "Configuration" in README.md.`,
    );
    this.name = "EnvError";
  }
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host) || host.startsWith("127.") || host.startsWith("/") || host === "";
}

function checkDatabaseUrl(url: string, allowInsecure: boolean, problems: string[], name = "DATABASE_URL") {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    problems.push(`${name} is not a valid URL (expected postgresql://user:password@host:5432/database).`);
    return;
  }
  if (parsed.protocol !== "postgres:" && parsed.protocol !== "postgresql:") {
    problems.push(`${name} must start with postgresql:// (or postgres://).`);
    return;
  }
  const host = decodeURIComponent(parsed.hostname) || parsed.searchParams.get("host") || "";
  const sslmode = parsed.searchParams.get("sslmode") ?? "";
  const tls =
    ["require", "verify-ca", "verify-full"].includes(sslmode) || parsed.searchParams.get("ssl") === "true";
  if (!isLoopbackHost(host) && !tls && !allowInsecure) {
    problems.push(
      `${name} points at ${host}, which is not on this machine, without TLS: add ?sslmode=verify-full ` +
        "(or sslmode=require), or set DATABASE_ALLOW_INSECURE=true if the network is private and trusted.",
    );
  }
}

/**
 * `serving: false` is for command-line tools (migrate, health, admin:create): they need the database, not the
 * public URL, the session secret or a way to sign in, so production does not demand those of them.
 */
export function loadEnv(source: Record<string, string | undefined>, opts: { serving?: boolean } = {}): Env {
  const serving = opts.serving ?? true;
  const parsed = ZRawEnv.safeParse(source);
  if (!parsed.success) {
    throw new EnvError(parsed.error.issues.map((i) => `${i.path.join(".") || "environment"}: ${i.message}`));
  }
  const raw = parsed.data;
  const problems: string[] = [];
  const mode: AppMode = raw.APP_MODE ?? (raw.DATABASE_URL ? "production" : "demo");
  const isDemo = mode === "demo";

  if (raw.DATABASE_URL) checkDatabaseUrl(raw.DATABASE_URL, raw.DATABASE_ALLOW_INSECURE, problems);
  if (raw.DATABASE_REPLICA_URL) {
    if (!raw.DATABASE_URL) problems.push("DATABASE_REPLICA_URL needs DATABASE_URL (the primary) set too.");
    checkDatabaseUrl(raw.DATABASE_REPLICA_URL, raw.DATABASE_ALLOW_INSECURE, problems, "DATABASE_REPLICA_URL");
  }

  const host = raw.HOST ?? (isDemo ? "127.0.0.1" : "0.0.0.0");
  const isDemoExposed = isDemo && !isLoopbackHost(host);
  // Demo mode by default (no DATABASE_URL) must not be reachable from other machines by accident: its mailbox
  // shows every sign-in link and its payment provider sells anything for nothing.
  if (serving && isDemoExposed && raw.APP_MODE !== "demo") {
    problems.push(
      `HOST=${host} would make demo mode reachable from other machines, and the demo's mailbox shows every ` +
        "sign-in link (administrators' too) while its payment provider gives courses away. Leave HOST unset " +
        "(127.0.0.1) to try the platform on this machine, set APP_MODE=demo to expose the demo on purpose, " +
        "or configure production (DATABASE_URL, APP_URL, AUTH_SECRET, e-mail).",
    );
  }

  let appUrl = raw.APP_URL ?? (isDemo ? `http://localhost:${raw.PORT}` : "");
  if (appUrl) {
    try {
      const u = new URL(appUrl);
      if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error("protocol");
      if (u.pathname !== "/" || u.search || u.hash) {
        problems.push(`APP_URL must be an origin only (like https://learn.example.com), not ${appUrl}.`);
      }
      appUrl = u.origin;
    } catch {
      problems.push(`APP_URL must be an http(s) origin such as https://learn.example.com (got "${appUrl}").`);
    }
  }

  const email =
    raw.EMAIL_SERVER && raw.EMAIL_FROM ? { server: raw.EMAIL_SERVER, from: raw.EMAIL_FROM } : undefined;
  if ((raw.EMAIL_SERVER && !raw.EMAIL_FROM) || (!raw.EMAIL_SERVER && raw.EMAIL_FROM)) {
    problems.push("EMAIL_SERVER and EMAIL_FROM go together: set both to send e-mail, or neither.");
  }
  const oauth: Env["oauth"] = {};
  if (raw.AUTH_GITHUB_ID && raw.AUTH_GITHUB_SECRET)
    oauth.github = { id: raw.AUTH_GITHUB_ID, secret: raw.AUTH_GITHUB_SECRET };
  if (raw.AUTH_GOOGLE_ID && raw.AUTH_GOOGLE_SECRET)
    oauth.google = { id: raw.AUTH_GOOGLE_ID, secret: raw.AUTH_GOOGLE_SECRET };

  if (Boolean(raw.STRIPE_SECRET_KEY) !== Boolean(raw.STRIPE_WEBHOOK_SECRET)) {
    problems.push(
      "STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET go together: set both to take payments with Stripe.",
    );
  }
  const imageHosts = parseImageHosts(raw.IMAGE_HOSTS, problems);
  const storage = parseStorage(raw, problems);
  if (raw.AUTH_SECRET !== undefined && raw.AUTH_SECRET.length < 32) {
    problems.push("AUTH_SECRET must be at least 32 characters (for example: openssl rand -base64 32).");
  }

  const certificateSigningSeed = parseSigningSeed(raw.CERTIFICATE_SIGNING_KEY, problems);

  if (!isDemo) {
    if (!raw.DATABASE_URL) {
      problems.push(
        "DATABASE_URL is required in production mode: the embedded database is for demo mode only " +
          "(postgresql://user:password@host:5432/database).",
      );
    }
    if (serving && !raw.APP_URL)
      problems.push(
        "APP_URL is required in production mode: the public origin, e.g. https://learn.example.com.",
      );
    if (serving && !raw.AUTH_SECRET)
      problems.push("AUTH_SECRET is required in production mode (openssl rand -base64 32).");
    if (serving && !raw.CERTIFICATE_SIGNING_KEY)
      problems.push(
        "CERTIFICATE_SIGNING_KEY is required in production mode: the key that signs certificates as verifiable " +
          "credentials (generate one with: openssl rand -base64 32; keep it secret and backed up).",
      );
    if (serving && !email && !oauth.github && !oauth.google) {
      problems.push(
        "A way to sign in is required in production mode: EMAIL_SERVER and EMAIL_FROM (SMTP), " +
          "or AUTH_GITHUB_ID/AUTH_GITHUB_SECRET, or AUTH_GOOGLE_ID/AUTH_GOOGLE_SECRET.",
      );
    }
  }

  if (problems.length > 0) throw new EnvError(problems);

  return {
    nodeEnv: raw.NODE_ENV ?? "production",
    mode,
    isDemo,
    appUrl,
    isHttps: appUrl.startsWith("https:"),
    isDemoExposed,
    host,
    port: raw.PORT,
    databaseUrl: raw.DATABASE_URL,
    databasePoolSize: raw.DATABASE_POOL_SIZE,
    // Behind a transaction-mode pooler (DATABASE_DIRECT_URL set apart) a named statement prepared on one server
    // connection is not there on the next: off unless asked for (PgBouncer ≥ 1.21 can carry them).
    databasePrepareThreshold:
      raw.DATABASE_PREPARE_THRESHOLD ??
      (raw.DATABASE_DIRECT_URL && raw.DATABASE_DIRECT_URL !== raw.DATABASE_URL ? 0 : 3),
    databaseDirectUrl: raw.DATABASE_DIRECT_URL,
    databaseReplicaUrl: raw.DATABASE_REPLICA_URL,
    databaseReplicaMaxLagMs: raw.DATABASE_REPLICA_MAX_LAG_SECONDS * 1000,
    dataDir: path.resolve(/*turbopackIgnore: true*/ raw.DATA_DIR ?? "data"),
    authSecret: raw.AUTH_SECRET,
    certificateSigningSeed,
    currency: raw.CURRENCY,
    businessAddress: raw.BUSINESS_ADDRESS || null,
    email,
    oauth,
    trustProxyHops: raw.TRUST_PROXY_HOPS ?? (raw.TRUST_PROXY ? 1 : 0),
    logLevel: raw.LOG_LEVEL,
    pageCache: {
      maxEntries: raw.PAGE_CACHE_MAX_ENTRIES,
      maxBytes: raw.PAGE_CACHE_MAX_MB * 1024 * 1024,
      ttlMs: raw.PAGE_CACHE_TTL_SECONDS * 1000,
    },
    lessonHtmlCacheBytes: raw.LESSON_HTML_CACHE_MAX_MB * 1024 * 1024,
    sessionMaxAgeDays: raw.SESSION_MAX_AGE_DAYS,
    sessionLimit: raw.SESSION_LIMIT,
    stripe:
      raw.STRIPE_SECRET_KEY && raw.STRIPE_WEBHOOK_SECRET
        ? {
            secretKey: raw.STRIPE_SECRET_KEY,
            webhookSecret: raw.STRIPE_WEBHOOK_SECRET,
            apiBase: raw.STRIPE_API_BASE,
          }
        : undefined,
    rateLimits: {
      signInPerAddress: raw.RATE_LIMIT_SIGNIN_PER_ADDRESS,
      signInPerClient: raw.RATE_LIMIT_SIGNIN_PER_CLIENT,
      windowSeconds: raw.RATE_LIMIT_WINDOW_SECONDS,
    },
    imageHosts,
    metricsToken: raw.METRICS_TOKEN,
    webhookSecretKey: raw.WEBHOOK_SECRET_KEY,
    webhookAllowedNetworks: parseNetworks(raw.WEBHOOK_ALLOWED_NETWORKS, problems),
    storage,
  };
}

/** "10.0.0.0/8, fd00::/8" → ranges; a bad entry is a start-up problem naming it. */
function parseNetworks(value: string | undefined, problems: string[]): Env["webhookAllowedNetworks"] {
  if (!value) return [];
  const out: Env["webhookAllowedNetworks"] = [];
  for (const part of value
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [address = "", bits] = part.split("/");
    const family = isIP(address);
    const prefix = bits === undefined ? (family === 6 ? 128 : 32) : Number(bits);
    if (family === 0 || !Number.isInteger(prefix) || prefix < 0 || prefix > (family === 6 ? 128 : 32)) {
      problems.push(`WEBHOOK_ALLOWED_NETWORKS: "${part}" is not a network such as 10.0.0.0/8 or fd00::/8.`);
      continue;
    }
    out.push({ address, prefix, family: family === 6 ? "ipv6" : "ipv4" });
  }
  return out;
}

function parseStorage(raw: z.output<typeof ZRawEnv>, problems: string[]): Env["storage"] {
  const s3Set = [
    raw.STORAGE_S3_ENDPOINT,
    raw.STORAGE_S3_REGION,
    raw.STORAGE_S3_ACCESS_KEY_ID,
    raw.STORAGE_S3_SECRET_ACCESS_KEY,
  ].some(Boolean);
  if (!raw.STORAGE_S3_BUCKET) {
    if (s3Set) {
      problems.push("STORAGE_S3_BUCKET is required when any other STORAGE_S3_* setting is given.");
    }
    return { backend: "DB" };
  }
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(raw.STORAGE_S3_BUCKET)) {
    problems.push(
      `STORAGE_S3_BUCKET must be a bucket name (3-63 lower-case letters, digits, dots, hyphens); got "${raw.STORAGE_S3_BUCKET}".`,
    );
  }
  if (Boolean(raw.STORAGE_S3_ACCESS_KEY_ID) !== Boolean(raw.STORAGE_S3_SECRET_ACCESS_KEY)) {
    problems.push(
      "STORAGE_S3_ACCESS_KEY_ID and STORAGE_S3_SECRET_ACCESS_KEY go together (or leave both unset to use the SDK's credential chain).",
    );
  }
  if (raw.STORAGE_S3_ENDPOINT) {
    try {
      const u = new URL(raw.STORAGE_S3_ENDPOINT);
      if (u.protocol !== "https:" && u.protocol !== "http:") throw new Error("protocol");
      if (u.protocol === "http:" && !isLoopbackHost(u.hostname)) {
        problems.push(
          `STORAGE_S3_ENDPOINT must use https unless it is on this machine (got ${raw.STORAGE_S3_ENDPOINT}).`,
        );
      }
    } catch {
      problems.push(`STORAGE_S3_ENDPOINT must be an http(s) URL (got "${raw.STORAGE_S3_ENDPOINT}").`);
    }
  }
  return {
    backend: "S3",
    s3: {
      bucket: raw.STORAGE_S3_BUCKET,
      endpoint: raw.STORAGE_S3_ENDPOINT,
      region: raw.STORAGE_S3_REGION ?? "us-east-1",
      credentials:
        raw.STORAGE_S3_ACCESS_KEY_ID && raw.STORAGE_S3_SECRET_ACCESS_KEY
          ? { accessKeyId: raw.STORAGE_S3_ACCESS_KEY_ID, secretAccessKey: raw.STORAGE_S3_SECRET_ACCESS_KEY }
          : undefined,
      // Custom endpoints (MinIO, s3rver) usually serve buckets by path; AWS by host name.
      forcePathStyle: raw.STORAGE_S3_FORCE_PATH_STYLE || Boolean(raw.STORAGE_S3_ENDPOINT),
    },
  };
}

/** True inside `next build` (its workers load server modules and may try to prerender pages). */
export function isBuildPhase(): boolean {
  return process.env.NEXT_PHASE === "phase-production-build";
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= loadEnv(process.env);
  return cached;
}

/** Tests that change process.env (a storage backend, say) read it again. */
export function resetEnvCache(): void {
  cached = undefined;
}

/**
 * Auth.js reads its base URL and trust settings from process.env at request time. Pointing AUTH_URL at
 * APP_URL makes every sign-in link, redirect and cookie follow APP_URL, never the request's Host header.
 */
export function applyAuthEnvironment(env: Env, secret: string) {
  process.env.AUTH_URL = env.appUrl;
  process.env.AUTH_TRUST_HOST = "true";
  process.env.AUTH_SECRET = secret;
}

/** An Ed25519 seed: exactly 32 bytes, written in base64 or base64url (what `openssl rand -base64 32` prints). */
function parseSigningSeed(value: string | undefined, problems: string[]): Uint8Array | undefined {
  if (value === undefined) return undefined;
  const bytes = /^[A-Za-z0-9+/_-]+={0,2}$/.test(value) ? Buffer.from(value, "base64") : Buffer.alloc(0);
  if (bytes.length !== 32) {
    problems.push(
      "CERTIFICATE_SIGNING_KEY must be 32 random bytes in base64 (generate one with: openssl rand -base64 32).",
    );
    return undefined;
  }
  return new Uint8Array(bytes);
}
