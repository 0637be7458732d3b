import { Readable } from "node:stream";
import { noteReader } from "../db/replica";
import type { Actor } from "../accounts/actor";
import type { Db } from "../db/types";
import { lastDatabaseFaultAt } from "../db/faults";
import { AppError, isAppError, isDatabaseUnreachable, unavailable } from "../errors";
import { logger } from "../log";
import { invalidInput } from "../validation";
import { authenticateApiToken, invalidToken } from "../accounts/api-tokens";
import { consumeRateLimit } from "../platform/rate-limit";
import { isReply, type HttpMethod, type Operation, type RequestInfo } from "./operation";
import { errorBody } from "./problem";

/**
 * Runs registry operations for any HTTP layer (DESIGN.md convention 14): routing, the same-origin + JSON rule
 * for cookie-carrying writes, zod parsing of params, query and body that never yields a 500, the early 401,
 * the handler, the response parsed by its output schema (extra fields are stripped), and one error shape.
 * Adapters (Next.js route handlers, the lean server) only translate their request and response types.
 */

export interface IncomingRequest {
  method: string;
  /** Path and query string, e.g. /api/v1/courses?q=agents */
  url: string;
  header(name: string): string | null;
  /** The body as text; adapters bound it (MAX_BODY_BYTES) and throw AppError past it. */
  text(): Promise<string>;
  /** The body as a stream, for operations that read it themselves (uploads). */
  stream?(): Readable;
  info: RequestInfo;
}

export interface OutgoingResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Uint8Array | Readable | null;
}

export interface ExecuteDeps {
  db: () => Promise<Db>;
  /** The lag-tolerant reads' handle (OperationContext.readDb); `db` when left out. */
  readDb?: () => Promise<Db>;
  /**
   * Called after a state-changing operation succeeded, with who made it: headers for the answer (the read
   * replica's write-position cookie, src/server/db/replica.ts).
   */
  afterWrite?: (actor: Actor | null) => Promise<Record<string, string> | undefined>;
  /** Who is asking (the session cookie); only called for operations that need it. */
  actor: () => Promise<Actor | null>;
  appUrl: string;
}

export const MAX_BODY_BYTES = 1_000_000;
export const REQUEST_ID_HEADER = "x-request-id";
const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

interface CompiledRoute {
  op: Operation;
  pattern: RegExp;
  names: string[];
}

const compiled = new WeakMap<readonly Operation[], CompiledRoute[]>();

function compile(ops: readonly Operation[]): CompiledRoute[] {
  let routes = compiled.get(ops);
  if (!routes) {
    routes = ops.map((op) => {
      const names: string[] = [];
      const source = op.path
        .split("/")
        .map((part) => {
          const m = /^\{(\w+)\}$/.exec(part);
          if (!m) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
          names.push(m[1]!);
          return "([^/]+)";
        })
        .join("/");
      return { op, pattern: new RegExp(`^${source}$`), names };
    });
    compiled.set(ops, routes);
  }
  return routes;
}

export type RouteMatch =
  | { kind: "found"; op: Operation; params: Record<string, string> }
  | { kind: "method-not-allowed"; allow: HttpMethod[] }
  | { kind: "not-found" };

/** Finds the operation for a method and path (a path parameter that does not decode is not found). */
export function matchOperation(ops: readonly Operation[], method: string, pathname: string): RouteMatch {
  const allow: HttpMethod[] = [];
  for (const route of compile(ops)) {
    const m = route.pattern.exec(pathname);
    if (!m) continue;
    if (route.op.method !== method) {
      allow.push(route.op.method);
      continue;
    }
    const params: Record<string, string> = {};
    try {
      route.names.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1]!)));
    } catch {
      return { kind: "not-found" };
    }
    return { kind: "found", op: route.op, params };
  }
  return allow.length > 0 ? { kind: "method-not-allowed", allow } : { kind: "not-found" };
}

function queryObject(search: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(search.keys())) {
    const all = search.getAll(key);
    out[key] = all.length === 1 ? all[0]! : all;
  }
  return out;
}

/**
 * The bearer token of the request: null without an Authorization header; a header that is not
 * `Bearer <token>` is refused (401), never ignored in favour of a cookie.
 */
function bearerToken(req: IncomingRequest): string | null {
  const header = req.header("authorization");
  if (header === null) return null;
  const m = /^Bearer +(\S+) *$/i.exec(header);
  if (!m) throw invalidToken("Send a personal API token as `Authorization: Bearer aiw_…`.");
  return m[1]!;
}

/**
 * A token request: the token's user as the actor, when the token holds a scope the operation asks for.
 * Public operations need none (a token that is not valid is still refused); operations without `scopes`
 * need a browser session. Each token also has a rate limit of its own.
 */
async function tokenActor(op: Operation, token: string, db: Db, req: IncomingRequest): Promise<Actor | null> {
  const { actor, scopes } = await authenticateApiToken(db, token, {
    requestId: req.info.requestId,
    ip: req.info.ip,
  });
  if (op.auth === "public") return null;
  if (!op.scopes) {
    throw new AppError("FORBIDDEN", {
      userMessage:
        "This operation needs you signed in on the platform: API tokens cannot manage tokens, sessions or the account itself.",
    });
  }
  if (!op.scopes.some((s) => scopes.has(s))) {
    throw new AppError("FORBIDDEN", {
      userMessage: `This token lacks the ${op.scopes.join(" or ")} scope that this operation needs. Create a token with it on your account page.`,
      errorDetails: { requiredScopes: [...op.scopes] },
    });
  }
  await consumeRateLimit(db, TOKEN_RATE_LIMIT, actor.tokenId!);
  return actor;
}

/** Every token: 600 requests a minute, on top of the limits its user has anyway. */
export const TOKEN_RATE_LIMIT = { name: "api-token", limit: 600, windowSeconds: 60 };

/** Cookie-carrying writes must come from our own origin, as JSON (CSRF defence). */
function checkBrowserWrite(op: Operation, req: IncomingRequest, appUrl: string, bearer: boolean) {
  if (!STATE_CHANGING.has(req.method) || op.rawBody) return;
  // An upload is multipart (the service says so if not): the origin check below is its CSRF defence, as
  // browsers send Origin with every POST.
  if (op.body) {
    const type = req.header("content-type") ?? "";
    if (!/^application\/json\s*(;|$)/i.test(type)) {
      throw new AppError("UNSUPPORTED_MEDIA_TYPE", {
        userMessage: "Send the request body as application/json.",
      });
    }
  }
  // A token request carries no cookie that counts (a cookie beside a token is ignored): no CSRF to defend.
  if (bearer || !req.header("cookie")) return;
  if (req.header("origin") !== appUrl) {
    throw new AppError("FORBIDDEN", {
      userMessage: "Cross-site request refused: this request must come from the platform's own pages.",
    });
  }
}

export const bodyTooLarge = () =>
  new AppError("MALFORMED_REQUEST", { userMessage: "The request body is too large (1 MB at most)." });

async function readBody(req: IncomingRequest): Promise<string> {
  if (Number(req.header("content-length") ?? "0") > MAX_BODY_BYTES) throw bodyTooLarge();
  const text = await req.text();
  if (text.length > MAX_BODY_BYTES) throw bodyTooLarge();
  return text;
}

function parseJson(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("MALFORMED_REQUEST", { userMessage: "The request body is not valid JSON." });
  }
}

/**
 * Dates become ISO strings before the output schema sees them (as JSON would write them); undefined properties
 * are left out. Copy on write: an answer without dates or undefined properties (most of them) is returned as it
 * is, not copied — this runs on every API answer.
 */
export function toJsonValue(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const json = toJsonValue(item);
      if (out) out.push(json);
      else if (json !== item) {
        out = value.slice(0, i);
        out.push(json);
      }
    }
    return out ?? value;
  }
  let out: Record<string, unknown> | undefined;
  for (const k in value) {
    if (!Object.hasOwn(value, k)) continue;
    const v = (value as Record<string, unknown>)[k];
    const json = v === undefined ? undefined : toJsonValue(v);
    if (!out && (v === undefined || json !== v)) {
      out = {};
      for (const earlier in value) {
        if (earlier === k) break;
        if (Object.hasOwn(value, earlier)) out[earlier] = (value as Record<string, unknown>)[earlier];
      }
    }
    if (out && json !== undefined) out[k] = json;
  }
  return out ?? value;
}

function jsonResponse(
  status: number,
  body: unknown,
  requestId: string,
  headers: Record<string, string> = {},
) {
  return {
    status,
    headers: {
      ...(status === 204 || body === undefined ? {} : { "content-type": "application/json; charset=utf-8" }),
      "cache-control": "no-store",
      [REQUEST_ID_HEADER]: requestId,
      ...headers,
    },
    body: status === 204 || body === undefined ? null : JSON.stringify(body),
  };
}

export function errorResponse(err: AppError, requestId: string): OutgoingResponse {
  const headers: Record<string, string> = { ...err.headers };
  if (err.code === "RATE_LIMITED") headers["retry-after"] = "60";
  if (err.code === "UNAVAILABLE") headers["retry-after"] = "5";
  return jsonResponse(err.status, errorBody(err, requestId), requestId, headers);
}

const successStatus = (op: Operation) =>
  Number(Object.keys(op.responses).find((s) => Number(s) >= 200 && Number(s) < 300) ?? 200);

async function run(
  op: Operation,
  params: Record<string, string>,
  url: URL,
  req: IncomingRequest,
  deps: ExecuteDeps,
): Promise<OutgoingResponse> {
  const requestId = req.info.requestId;
  const connect = () =>
    deps.db().catch((e: unknown) => {
      throw new AppError("UNAVAILABLE", {
        userMessage: "The service is briefly unavailable. Please try again in a few seconds.",
        cause: e,
      });
    });
  const bearer = bearerToken(req);
  checkBrowserWrite(op, req, deps.appUrl, bearer !== null);
  // A bearer token is the only credential of its request (the cookie is never a fallback); it is checked,
  // with its scopes, before anything else about the request.
  const fromToken = bearer !== null ? await tokenActor(op, bearer, await connect(), req) : undefined;
  const parsedParams = op.params ? op.params.safeParse(params) : undefined;
  if (parsedParams && !parsedParams.success) throw new AppError("NOT_FOUND", { userMessage: "Not found." });
  // Who is asking comes before reading the input: an anonymous call to a signed-in operation is a 401,
  // whatever its body.
  const actor = fromToken !== undefined ? fromToken : op.auth === "public" ? null : await deps.actor();
  if (op.auth === "user" && !actor) {
    throw new AppError("UNAUTHENTICATED", { userMessage: "Please sign in to continue." });
  }
  if (actor && deps.readDb) noteReader(actor.id);
  const parsedQuery = op.query ? op.query.safeParse(queryObject(url.searchParams)) : undefined;
  if (parsedQuery && !parsedQuery.success) throw invalidInput(parsedQuery.error, "query");
  let body: unknown;
  let rawBody: string | undefined;
  let upload: { contentType: string | null; stream: Readable } | undefined;
  if (op.streamBody)
    upload = { contentType: req.header("content-type"), stream: req.stream?.() ?? Readable.from([]) };
  else if (op.rawBody) rawBody = await readBody(req);
  else if (op.body) {
    const parsed = op.body.safeParse(parseJson(await readBody(req)));
    if (!parsed.success) throw invalidInput(parsed.error, "body");
    body = parsed.data;
  }
  const [db, readDb] = await Promise.all([connect(), deps.readDb?.()]);
  const result = await op.handler(
    { query: parsedQuery?.data, params: parsedParams?.data, body, rawBody, upload } as never,
    { db, readDb: readDb ?? db, actor, request: req.info },
  );
  const answer: { status: number; body?: unknown; headers?: Record<string, string> } = isReply(result)
    ? result
    : { status: successStatus(op), body: result, headers: undefined };
  if (deps.afterWrite && STATE_CHANGING.has(op.method) && answer.status < 300) {
    const extra = await deps.afterWrite(actor);
    if (extra) answer.headers = { ...answer.headers, ...extra };
  }
  if (isReply(result) && result.file) {
    return {
      status: result.status,
      headers: {
        "content-type": result.file.contentType,
        "cache-control": "private, no-store",
        [REQUEST_ID_HEADER]: requestId,
        ...(result.file.length !== undefined ? { "content-length": String(result.file.length) } : {}),
        ...result.headers,
      },
      body: result.file.data,
    };
  }
  const schema = op.responses[answer.status]?.schema;
  let out: unknown = answer.body;
  if (schema && answer.body !== undefined) {
    const parsed = schema.safeParse(toJsonValue(answer.body));
    if (!parsed.success) {
      // The handler broke its own contract: a bug, never shown to the client in detail.
      throw new Error(
        `${op.operationId} answered ${answer.status} outside its schema: ${parsed.error.message}`,
      );
    }
    out = parsed.data;
  }
  return jsonResponse(answer.status, out, requestId, answer.headers);
}

/** Routes and runs one request against a registry; every failure becomes the error shape. */
export async function handleApiRequest(
  ops: readonly Operation[],
  req: IncomingRequest,
  deps: ExecuteDeps,
): Promise<OutgoingResponse> {
  const requestId = req.info.requestId;
  const started = Date.now();
  const url = new URL(req.url, deps.appUrl);
  let response: OutgoingResponse;
  try {
    const match = matchOperation(ops, req.method, url.pathname);
    if (match.kind === "not-found") {
      throw new AppError("NOT_FOUND", {
        userMessage: "There is no such API endpoint. See /api/v1/openapi.json.",
      });
    }
    if (match.kind === "method-not-allowed") {
      response = errorResponse(
        new AppError("METHOD_NOT_ALLOWED", {
          userMessage: `Use ${match.allow.join(" or ")} for this endpoint.`,
        }),
        requestId,
      );
      response.headers.allow = match.allow.join(", ");
    } else {
      response = await run(match.op, match.params, url, req, deps);
    }
  } catch (e) {
    let err = isAppError(e)
      ? e
      : isDatabaseUnreachable(e)
        ? unavailable(e)
        : new AppError("INTERNAL", {
            userMessage:
              "Something went wrong on our side. Please try again; if it persists, quote the request id.",
            cause: e,
          });
    // Auth.js swallows a session lookup that failed and reports nobody signed in. A request that carries a
    // session cookie while the database failed at the connection level was not refused: it could not be
    // checked. (At worst an invalid cookie sent during an outage gets 503 instead of 401.)
    if (
      err.code === "UNAUTHENTICATED" &&
      /authjs\.session-token=/.test(req.header("cookie") ?? "") &&
      lastDatabaseFaultAt() >= started
    ) {
      err = unavailable(e);
    }
    const level = err.code === "UNAVAILABLE" ? "warn" : err.status >= 500 ? "error" : "info";
    logger[level]("api error", {
      requestId,
      method: req.method,
      path: url.pathname,
      status: err.status,
      code: err.code,
      ms: Date.now() - started,
      ...(err.status >= 500 ? { err: e } : {}),
    });
    return errorResponse(err, requestId);
  }
  logger.info("api", {
    requestId,
    method: req.method,
    path: url.pathname,
    status: response.status,
    ms: Date.now() - started,
  });
  return response;
}
