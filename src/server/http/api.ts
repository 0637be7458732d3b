import { z } from "zod";
import { getEnv } from "../env";
import { AppError, isAppError } from "../errors";
import { logger } from "../log";
import { errorBody, invalidInput } from "./problem";
import { REQUEST_ID_HEADER, requestIdFrom } from "./request-id";

/**
 * The shared pieces of every /api/v1 endpoint (DESIGN.md convention 14): one spec per endpoint
 * (also the source of the OpenAPI document), zod parsing of params/query/body that never yields a
 * 500, the same-origin + JSON rule for state-changing requests from a browser, and one error shape.
 */

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

type AnyObject = z.ZodObject<z.ZodRawShape>;

export interface EndpointSpec<
  Q extends AnyObject | undefined = AnyObject | undefined,
  P extends AnyObject | undefined = AnyObject | undefined,
  B extends z.ZodType | undefined = z.ZodType | undefined,
> {
  operationId: string;
  method: HttpMethod;
  /** OpenAPI path template, e.g. /api/v1/courses/{slug}. */
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  query?: Q;
  params?: P;
  body?: B;
  responses: Record<number, { description: string; schema?: z.ZodType }>;
}

export const defineEndpoint = <
  Q extends AnyObject | undefined = undefined,
  P extends AnyObject | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(
  spec: EndpointSpec<Q, P, B>,
) => spec;

type Infer<T> = T extends z.ZodType ? z.output<T> : undefined;

export interface ApiContext<Q, P, B> {
  request: Request;
  requestId: string;
  query: Infer<Q>;
  params: Infer<P>;
  body: Infer<B>;
}

export interface ApiResult {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type RouteContext = { params?: Promise<Record<string, string | string[]>> };

const MAX_BODY_BYTES = 1_000_000;
const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function json(body: unknown, status: number, requestId: string, headers: Record<string, string> = {}) {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: {
      ...(status === 204 ? {} : { "content-type": "application/json; charset=utf-8" }),
      "cache-control": "no-store",
      [REQUEST_ID_HEADER]: requestId,
      ...headers,
    },
  });
}

export function errorResponse(err: AppError, requestId: string) {
  const headers: Record<string, string> = {};
  if (err.code === "RATE_LIMITED") headers["retry-after"] = "60";
  return json(errorBody(err, requestId), err.status, requestId, headers);
}

function queryObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    out[key] = all.length === 1 ? all[0]! : all;
  }
  return out;
}

/** Cookie-carrying writes must come from our own origin, as JSON (CSRF defence). */
function checkBrowserWrite(request: Request, hasBody: boolean) {
  if (!STATE_CHANGING.has(request.method)) return;
  if (hasBody) {
    const type = request.headers.get("content-type") ?? "";
    if (!/^application\/json\s*(;|$)/i.test(type)) {
      throw new AppError("UNSUPPORTED_MEDIA_TYPE", {
        userMessage: "Send the request body as application/json.",
      });
    }
  }
  if (!request.headers.get("cookie")) return;
  const origin = request.headers.get("origin");
  if (origin !== getEnv().appUrl) {
    throw new AppError("FORBIDDEN", {
      userMessage: "Cross-site request refused: this request must come from the platform's own pages.",
    });
  }
}

async function readJsonBody(request: Request): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) {
    throw new AppError("MALFORMED_REQUEST", { userMessage: "The request body is too large (1 MB at most)." });
  }
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) {
    throw new AppError("MALFORMED_REQUEST", { userMessage: "The request body is too large (1 MB at most)." });
  }
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("MALFORMED_REQUEST", { userMessage: "The request body is not valid JSON." });
  }
}

export function apiRoute<
  Q extends AnyObject | undefined,
  P extends AnyObject | undefined,
  B extends z.ZodType | undefined,
>(spec: EndpointSpec<Q, P, B>, handler: (ctx: ApiContext<Q, P, B>) => Promise<ApiResult>) {
  return async (request: Request, routeContext?: RouteContext): Promise<Response> => {
    const requestId = requestIdFrom(request.headers);
    const started = Date.now();
    try {
      if (request.method !== spec.method) {
        throw new AppError("METHOD_NOT_ALLOWED", { userMessage: `Use ${spec.method} for this endpoint.` });
      }
      checkBrowserWrite(request, spec.body !== undefined);
      const url = new URL(request.url);
      const rawParams = routeContext?.params ? await routeContext.params : {};
      const params = spec.params ? spec.params.safeParse(rawParams) : undefined;
      if (params && !params.success) throw new AppError("NOT_FOUND", { userMessage: "Not found." });
      const query = spec.query ? spec.query.safeParse(queryObject(url)) : undefined;
      if (query && !query.success) throw invalidInput(query.error, "query");
      let body: unknown;
      if (spec.body) {
        const parsed = spec.body.safeParse(await readJsonBody(request));
        if (!parsed.success) throw invalidInput(parsed.error, "body");
        body = parsed.data;
      }
      const result = await handler({
        request,
        requestId,
        query: query?.data as Infer<Q>,
        params: params?.data as Infer<P>,
        body: body as Infer<B>,
      });
      const status = result.status ?? 200;
      logger.info("api", {
        requestId,
        method: request.method,
        path: url.pathname,
        status,
        ms: Date.now() - started,
      });
      return json(result.body, status, requestId, result.headers);
    } catch (e) {
      const err = isAppError(e)
        ? e
        : new AppError("INTERNAL", {
            userMessage:
              "Something went wrong on our side. Please try again; if it persists, quote the request id.",
            cause: e,
          });
      const level = err.status >= 500 ? "error" : "info";
      logger[level]("api error", {
        requestId,
        method: request.method,
        path: new URL(request.url).pathname,
        status: err.status,
        code: err.code,
        ms: Date.now() - started,
        ...(err.status >= 500 ? { err: e } : {}),
      });
      return errorResponse(err, requestId);
    }
  };
}
