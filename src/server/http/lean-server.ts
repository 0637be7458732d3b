import http, { type IncomingMessage, type ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { gzipSync } from "node:zlib";
import { actorForSessionToken, hasSessionCookie, sessionTokenFromCookieHeader } from "../auth/session-lookup";
import { getDatabase, getDb, getReadDb } from "../db";
import { lsnFromCookieHeader, noteOwnWrite, withReadContext, writePositionCookie } from "../db/replica";
import type { Env } from "../env";
import { logger } from "../log";
import { isMetricsRequestAllowed, metrics, recordRequest } from "../metrics/metrics";
import {
  CLIENT_IP_HEADER,
  CLIENT_IP_PROOF_HEADER,
  clientAddress,
  SERVER_NONCE_HEADER,
} from "./client-address";
import { bodyTooLarge, handleApiRequest, MAX_BODY_BYTES, matchOperation } from "./execute";
import type { Operation } from "./operation";
import { PageCache, type CachedPage } from "./page-cache";
import { REQUEST_ID_HEADER, requestIdFromValue } from "./request-id";
import { DRAIN_LIMIT, isBodyAbandoned } from "./body-limits";
import { newNonce, securityHeaders } from "./security-headers";

/**
 * The lean HTTP layer of the platform's one server process (scripts/serve.ts; docs/decisions.md, "The lean
 * server"). Plain node:http, no framework: the operation registry already routes, validates and serializes.
 * - the client address from the socket and the trusted hops, handed on with the process's proof;
 * - `/api/v1/*`, `/api/health` and the registry's other routes (webhook, PDFs, exports) run the registry's
 *   executor directly, with one session lookup and the API's security headers;
 * - public pages for requests without a session cookie come from the PageCache, with a fresh nonce in every
 *   response (the page was rendered once with a placeholder nonce);
 * - everything else goes to Next.js's request handler with the nonce this server chose (src/proxy.ts puts it
 *   in the page's CSP).
 */
export type NextHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** Marks this server's own render of a page for the cache (with the proof, never from a client). */
const FILL_HEADER = "x-aiw-cache-fill";

/** Public pages whose anonymous rendering is the same for everyone. */
const CACHEABLE_PAGES = [
  /^\/$/,
  /^\/courses$/,
  /^\/courses\/[^/]+$/,
  /^\/certificates\/[^/]+$/,
  /^\/privacy$/,
];
/** Each cacheable page's route template, as metrics label it (never the path itself: unbounded labels). */
const CACHEABLE_ROUTES = ["/", "/courses", "/courses/{slug}", "/certificates/{number}", "/privacy"];
const MAX_CACHE_KEY = 512;
/** Response headers a cached page replays. */
const REPLAYED_HEADERS = new Set(["content-type", "link", "content-language", "x-robots-tag"]);

export interface LeanServerOptions {
  env: Env;
  next: NextHandler;
  operations: readonly Operation[];
  /** The per-process secret proving this server set the x-aiw-* request headers. */
  proof: string;
  cache: PageCache | null;
  /** The address this server listens on, for its own cache fills. */
  selfAddress: () => { host: string; port: number } | null;
}

const first = (v: string | string[] | undefined): string | null =>
  v === undefined ? null : Array.isArray(v) ? (v[0] ?? null) : v;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners("data");
        req.resume();
        reject(bodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/**
 * Reads and drops what an API handler left of a request body (an upload refused before or while it was read),
 * so the answer is never a reset connection. Past `limit` bytes it gives up: the answer then closes the
 * connection.
 */
function drain(req: IncomingMessage, limit = DRAIN_LIMIT): Promise<boolean> {
  if (req.readableEnded || req.complete || req.destroyed) return Promise.resolve(true);
  if (isBodyAbandoned(req)) return Promise.resolve(false);
  return new Promise((resolve) => {
    let seen = 0;
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > limit) {
        cleanup();
        req.pause();
        resolve(false);
      }
    };
    const onEnd = () => {
      cleanup();
      resolve(true);
    };
    const cleanup = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("close", onEnd);
      req.off("error", onEnd);
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("close", onEnd);
    req.on("error", onEnd);
    req.resume();
  });
}

/** `body` cut at every occurrence of `separator` (copies, so the parts do not pin the response's chunks). */
export function splitBuffer(body: Buffer, separator: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = body.indexOf(separator); at !== -1; at = body.indexOf(separator, from)) {
    parts.push(Buffer.from(body.subarray(from, at)));
    from = at + separator.length;
  }
  parts.push(Buffer.from(body.subarray(from)));
  return parts;
}

/** The route template of a request the registry answers ("(unknown)" under /api/v1), or null for the pages. */
function apiRoute(ops: readonly Operation[], method: string, pathname: string): string | null {
  const match = matchOperation(ops, method, pathname);
  if (match.kind === "found") return match.op.path;
  if (pathname === "/api/v1" || pathname.startsWith("/api/v1/")) return "(unknown)";
  return match.kind === "method-not-allowed" ? "(method not allowed)" : null;
}

function cacheKey(req: IncomingMessage, pathname: string): string | null {
  if (req.method !== "GET") return null;
  if (!CACHEABLE_PAGES.some((re) => re.test(pathname))) return null;
  const h = req.headers;
  // Client-side navigations and server actions fetch React payloads, not the page.
  if (h.rsc || h["next-router-state-tree"] || h["next-action"] || h["next-router-prefetch"]) return null;
  if (hasSessionCookie(first(h.cookie))) return null;
  const url = req.url ?? "/";
  if (url.length > MAX_CACHE_KEY || url.includes("_rsc=")) return null;
  return url;
}

const acceptsGzip = (req: IncomingMessage) => /\bgzip\b/.test(first(req.headers["accept-encoding"]) ?? "");

export function createLeanServer(opts: LeanServerOptions) {
  const { env, cache, proof } = opts;
  const placeholder = `aiwNoncePlaceholder${Buffer.from(crypto.getRandomValues(new Uint8Array(9))).toString("hex")}`;
  const placeholderBytes = Buffer.from(placeholder, "latin1");
  const fills = new Map<string, Promise<CachedPage | null>>();
  /** With a read replica: requests carry a read context, and writes tell their writer's next reads to wait. */
  const replicated = Boolean(env.databaseReplicaUrl);
  async function afterWrite(actor: { id: string } | null): Promise<Record<string, string> | undefined> {
    const lsn = await (await getDatabase()).writePosition();
    if (lsn === undefined) return undefined;
    noteOwnWrite(actor?.id, lsn);
    return { "set-cookie": writePositionCookie(lsn, env.isHttps) };
  }
  /** The API's security headers are the same for every answer: built once. */
  const apiHeaders: Readonly<Record<string, string>> = Object.freeze(securityHeaders("", "api"));

  async function api(req: IncomingMessage, res: ServerResponse, requestId: string, ip: string | null) {
    let actor: ReturnType<typeof actorForSessionToken> | undefined;
    const header = (name: string) => first(req.headers[name.toLowerCase()]);
    const out = await handleApiRequest(
      opts.operations,
      {
        method: req.method ?? "GET",
        url: req.url ?? "/",
        header,
        text: () => readBody(req),
        stream: () => req,
        info: { requestId, ip, userAgent: header("user-agent"), header },
      },
      {
        db: getDb,
        ...(replicated ? { readDb: getReadDb, afterWrite } : {}),
        actor: () =>
          (actor ??= getDb().then((db) =>
            actorForSessionToken(db, sessionTokenFromCookieHeader(header("cookie"))),
          )),
        appUrl: env.appUrl,
      },
    );
    const headers: Record<string, string> = { ...apiHeaders, ...out.headers };
    const body = out.body;
    if (!(await drain(req))) headers.connection = "close";
    if (body instanceof Readable) {
      res.writeHead(out.status, headers);
      if (req.method === "HEAD") {
        body.destroy();
        res.end();
        return;
      }
      await pipeline(body, res).catch((e: unknown) => {
        // Headers are gone: the client sees a cut-off download (its length does not match), never a wrong file.
        logger.warn("api: download interrupted", { requestId, err: e });
        res.destroy();
      });
      return;
    }
    if (body !== null) {
      headers["content-length"] = String(
        typeof body === "string" ? Buffer.byteLength(body) : body.byteLength,
      );
    }
    res.writeHead(out.status, headers);
    // A string body goes out with the head in one write (Node joins them); no copy into a Buffer first.
    res.end(req.method === "HEAD" || body === null ? undefined : body);
    if (headers.connection === "close") res.once("finish", () => req.socket.destroySoon());
  }

  /** Renders a page for the cache: a request to this same server, without cookies, with the placeholder nonce. */
  function fill(key: string) {
    const pending = fills.get(key);
    if (pending) return pending;
    const self = opts.selfAddress();
    const generation = cache!.generation;
    const result = new Promise<CachedPage | null>((resolve) => {
      if (!self) return resolve(null);
      const out = http.request(
        {
          host: self.host === "0.0.0.0" || self.host === "::" ? "127.0.0.1" : self.host,
          port: self.port,
          path: key,
          method: "GET",
          headers: {
            // Never the client's Host: a page rendered for everyone must not depend on what one client sent.
            host: new URL(env.appUrl).host,
            accept: "text/html",
            "user-agent": "ai-whisperers-page-cache",
            [FILL_HEADER]: proof,
          },
        },
        (answer) => {
          const chunks: Buffer[] = [];
          answer.on("data", (c: Buffer) => chunks.push(c));
          answer.on("error", () => resolve(null));
          answer.on("end", () => {
            const headers: Record<string, string> = {};
            for (const [name, value] of Object.entries(answer.headers)) {
              if (REPLAYED_HEADERS.has(name) && typeof value === "string") headers[name] = value;
            }
            // Only a 200 HTML page without cookies is the same for everyone; anything else (a redirect, a
            // 404, an error) is answered by Next.js for each request itself.
            const status = answer.statusCode ?? 500;
            const cacheable =
              status === 200 &&
              !answer.headers["set-cookie"] &&
              /^text\/html\b/.test(headers["content-type"] ?? "");
            if (!cacheable) return resolve(null);
            const body = Buffer.concat(chunks);
            const page = { status, headers, parts: splitBuffer(body, placeholderBytes) };
            cache!.set(key, page, generation);
            resolve({ ...page, bytes: body.byteLength, etag: "", storedAt: Date.now() });
          });
        },
      );
      out.on("error", () => resolve(null));
      out.end();
    }).finally(() => fills.delete(key));
    fills.set(key, result);
    return result;
  }

  function sendPage(
    req: IncomingMessage,
    res: ServerResponse,
    page: CachedPage,
    requestId: string,
    state: "HIT" | "MISS",
  ) {
    const nonce = newNonce();
    const headers: Record<string, string> = {};
    // Next.js puts the nonce in headers too (the stylesheet's preload link): the placeholder never leaves.
    for (const name in page.headers) headers[name] = page.headers[name]!.replaceAll(placeholder, nonce);
    Object.assign(headers, {
      ...securityHeaders(nonce, "page"),
      // Browsers and CDNs may store it but must ask again; a 304 answers when nothing changed.
      "cache-control": "public, no-cache",
      vary: "Cookie",
      [REQUEST_ID_HEADER]: requestId,
      "x-cache": state,
    });
    if (page.etag) headers.etag = page.etag;
    if (page.etag && first(req.headers["if-none-match"]) === page.etag) {
      // The stored copy keeps the CSP whose nonce is in its body: a 304 sends no new policy.
      delete headers["content-security-policy"];
      delete headers["content-type"];
      res.writeHead(304, headers);
      res.end();
      return;
    }
    const nonceBytes = Buffer.from(nonce, "latin1");
    const pieces: Buffer[] = [];
    for (let i = 0; i < page.parts.length; i++) {
      if (i > 0) pieces.push(nonceBytes);
      pieces.push(page.parts[i]!);
    }
    let body = Buffer.concat(pieces);
    if (body.byteLength > 1024 && acceptsGzip(req)) {
      body = gzipSync(body, { level: 1 });
      headers["content-encoding"] = "gzip";
    }
    headers["content-length"] = String(body.byteLength);
    res.writeHead(page.status, headers);
    res.end(body);
  }

  async function cachedPage(req: IncomingMessage, res: ServerResponse, key: string, requestId: string) {
    const hit = cache!.get(key);
    if (hit) {
      cache!.hits++;
      metrics().pageCache.inc({ result: "hit" });
      sendPage(req, res, hit, requestId, "HIT");
      return true;
    }
    cache!.misses++;
    metrics().pageCache.inc({ result: "miss" });
    const filled = await fill(key);
    if (!filled) return false;
    sendPage(req, res, cache!.get(key) ?? filled, requestId, "MISS");
    return true;
  }

  /** GET /metrics for Prometheus, only with METRICS_TOKEN as a bearer token; without the setting, not there. */
  async function metricsEndpoint(req: IncomingMessage, res: ServerResponse) {
    const token = env.metricsToken;
    const plain = { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" };
    if (!token) {
      res.writeHead(404, plain).end("Not found. Set METRICS_TOKEN to serve metrics.\n");
      return;
    }
    if (!isMetricsRequestAllowed(first(req.headers.authorization), token)) {
      res
        .writeHead(401, { ...plain, "www-authenticate": 'Bearer realm="metrics"' })
        .end("Send METRICS_TOKEN as Authorization: Bearer <token>.\n");
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { ...plain, allow: "GET, HEAD" }).end("Use GET.\n");
      return;
    }
    const registry = metrics().registry;
    const body = await registry.metrics();
    res.writeHead(200, { ...plain, "content-type": registry.contentType });
    res.end(req.method === "HEAD" ? undefined : body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const headers = req.headers;
    const isFill = first(headers[FILL_HEADER]) === proof;
    // The only address and nonce the application believes: set here, never taken from the client.
    for (const name of [CLIENT_IP_HEADER, CLIENT_IP_PROOF_HEADER, SERVER_NONCE_HEADER, FILL_HEADER]) {
      delete headers[name];
    }
    const ip = clientAddress(req.socket.remoteAddress, headers["x-forwarded-for"], env.trustProxyHops);
    if (ip) {
      headers[CLIENT_IP_HEADER] = ip;
      headers[CLIENT_IP_PROOF_HEADER] = proof;
      headers["x-forwarded-for"] = ip;
    }
    const requestId = requestIdFromValue(first(headers[REQUEST_ID_HEADER]));
    headers[REQUEST_ID_HEADER] = requestId;
    let pathname: string;
    try {
      pathname = new URL(req.url ?? "/", "http://x").pathname;
    } catch {
      pathname = "/";
    }
    const method = req.method ?? "GET";
    if (pathname === "/metrics" && !isFill) {
      await metricsEndpoint(req, res);
      return;
    }
    const label = { kind: "next", route: pathname.startsWith("/_next/") ? "(next static)" : "(next)" };
    if (!isFill) {
      res.once("finish", () =>
        recordRequest(label.kind, label.route, method, res.statusCode, (Date.now() - started) / 1000),
      );
    }
    const route = apiRoute(opts.operations, method, pathname);
    if (route !== null) {
      label.kind = "api";
      label.route = route;
      await api(req, res, requestId, ip);
      return;
    }
    if (isFill) {
      headers[CLIENT_IP_PROOF_HEADER] = proof;
      headers[SERVER_NONCE_HEADER] = placeholder;
      await opts.next(req, res);
      return;
    }
    const key = cache && cache.limits.maxEntries > 0 ? cacheKey(req, pathname) : null;
    const page = CACHEABLE_PAGES.findIndex((re) => re.test(pathname));
    if (page >= 0) label.route = CACHEABLE_ROUTES[page]!;
    if (key && (await cachedPage(req, res, key, requestId))) {
      label.kind = "page";
      const cached = String(res.getHeader("x-cache") ?? "").toLowerCase();
      logger.info("page", {
        requestId,
        path: pathname,
        status: res.statusCode,
        cache: cached,
        ms: Date.now() - started,
      });
      return;
    }
    headers[CLIENT_IP_PROOF_HEADER] = proof;
    headers[SERVER_NONCE_HEADER] = newNonce();
    await opts.next(req, res);
  }

  if (!replicated) return handle;
  // A page-cache fill reads only from the primary (replica lag must never put a stale page back in the
  // cache); a reader who wrote recently reads from the replica only once it has replayed that write.
  return (req: IncomingMessage, res: ServerResponse): Promise<void> =>
    withReadContext(
      first(req.headers[FILL_HEADER]) === proof
        ? { primary: true }
        : { minLsn: lsnFromCookieHeader(first(req.headers.cookie)) },
      () => handle(req, res),
    );
}
