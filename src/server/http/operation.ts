import type { Readable } from "node:stream";
import type { z } from "zod";
import type { Actor } from "../accounts/actor";
import type { Db } from "../db/types";
import type { ApiTokenScope } from "../db/schema/developer";

/**
 * A JSON API operation (DESIGN.md convention 14): method, path, zod schemas in and out, who may call it, and
 * a handler that takes parsed input plus `{ db, actor, request }` and returns data. Nothing here depends on a
 * web framework: the same registry is mounted by the Next.js adapter and by any other HTTP layer
 * (src/server/http/execute.ts does the work; adapters only translate requests and responses).
 */

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

type AnyObject = z.ZodObject<z.ZodRawShape>;

/** What the handler knows about the request, whatever carried it. */
export interface RequestInfo {
  requestId: string;
  /** The client's address as the server established it (socket, or trusted proxy hops). */
  ip: string | null;
  userAgent: string | null;
  /** A request header (lower-case name), for the few operations that need one (signed webhooks). */
  header: (name: string) => string | null;
}

export interface OperationContext {
  db: Db;
  /**
   * For reads that tolerate lag (catalog, course pages, public certificate lookups, analytics): the read
   * replica when one is configured (src/server/db/replica.ts), otherwise `db`. Never for a write, nor for a
   * read that decides a write.
   */
  readDb: Db;
  actor: Actor | null;
  request: RequestInfo;
}

/**
 * Who may call an operation, before its service decides: `public` (anyone; the caller is not looked up),
 * `optional` (anyone; a signed-in caller is known to the service, e.g. for their own limits), `user` (signed in; the service
 * authorizes further). Services check again: this is documentation and an early 401, never the only check.
 */
export type OperationAuth = "public" | "user" | "optional";

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  /** A response that is not JSON (a file): its media type in the OpenAPI document. */
  contentType?: string;
}

/** A body the handler reads as a stream (uploads): never buffered by the HTTP layer. */
export interface StreamBody {
  contentType: string | null;
  stream: Readable;
}

export interface OperationSpec<
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
  auth: OperationAuth;
  /**
   * What a personal API token needs to call a `user` or `optional` operation (any one of these). Left out, the
   * operation needs a browser session (managing tokens, sessions, the account itself): a token gets 403.
   */
  scopes?: readonly ApiTokenScope[];
  query?: Q;
  params?: P;
  body?: B;
  /** The handler reads the body itself as text (signed webhooks); `body` must then be undefined. */
  rawBody?: boolean;
  /** A raw body in the OpenAPI document (what a client sends; the handler validates it). */
  rawBodyDoc?: { contentType: string; description: string };
  /**
   * The handler reads the body itself as a stream (`input.upload`; multipart uploads): the HTTP layer neither
   * buffers nor limits it, and reads whatever the handler left unread before answering. `body` must be
   * undefined.
   */
  streamBody?: boolean;
  /** Left out of the public OpenAPI document (health checks, provider webhooks, downloads for pages). */
  internal?: boolean;
  responses: Record<number, ResponseSpec>;
}

type Infer<T> = T extends z.ZodType ? z.output<T> : undefined;

export interface OperationInput<Q, P, B> {
  query: Infer<Q>;
  params: Infer<P>;
  body: Infer<B>;
  rawBody: string | undefined;
  upload: StreamBody | undefined;
}

const REPLY = Symbol.for("ai-whisperers.reply");

/** A handler's answer when the default (200 with the data) is not enough. */
export interface Reply {
  [REPLY]: true;
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** A file: sent as is with its content type, never parsed by a schema. */
  file?: { contentType: string; data: string | Uint8Array | Readable; length?: number };
}

export const reply = (status: number, body?: unknown, headers?: Record<string, string>): Reply => ({
  [REPLY]: true,
  status,
  body,
  headers,
});

/** A download (Content-Disposition: attachment), for exports and PDFs. */
export function download(
  filename: string,
  contentType: string,
  data: string | Uint8Array,
  headers: Record<string, string> = {},
): Reply {
  const safe = filename.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 120);
  return {
    [REPLY]: true,
    status: 200,
    headers: { "content-disposition": `attachment; filename="${safe}"`, ...headers },
    file: { contentType, data },
  };
}

/** A file shown in place (a page of its own, a static file), with its headers. */
export const fileReply = (
  contentType: string,
  data: string | Uint8Array,
  headers: Record<string, string> = {},
): Reply => ({
  [REPLY]: true,
  status: 200,
  headers,
  file: { contentType, data, length: typeof data === "string" ? Buffer.byteLength(data) : data.byteLength },
});

export const isReply = (v: unknown): v is Reply =>
  typeof v === "object" && v !== null && (v as Partial<Reply>)[REPLY] === true;

export interface Operation<
  Q extends AnyObject | undefined = AnyObject | undefined,
  P extends AnyObject | undefined = AnyObject | undefined,
  B extends z.ZodType | undefined = z.ZodType | undefined,
> extends OperationSpec<Q, P, B> {
  handler: (input: OperationInput<Q, P, B>, ctx: OperationContext) => Promise<unknown>;
}

/** An operation with its types inferred from its schemas. */
export const defineOperation = <
  Q extends AnyObject | undefined = undefined,
  P extends AnyObject | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(
  op: Operation<Q, P, B>,
) => op as unknown as Operation;
