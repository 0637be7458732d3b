import { Readable } from "node:stream";
import type { Actor } from "../../src/server/accounts/actor";
import type { Db } from "../../src/server/db/types";
import { handleApiRequest, matchOperation } from "../../src/server/http/execute";
import { buildOpenApiDocument } from "../../src/server/http/openapi";
import type { Operation } from "../../src/server/http/operation";
import { allOperations, apiOperations } from "../../src/server/http/registry";
import { expectMatchesOpenApi } from "./openapi";

export const APP = "http://localhost:3000";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test answers are read loosely, then asserted
export interface ApiAnswer<T = any> {
  status: number;
  body: T;
  headers: Record<string, string>;
  /** The raw bytes of a file answer. */
  bytes?: Buffer;
}

/**
 * Calls registry operations the way an HTTP adapter does (routing, parsing, the same-origin rule, output
 * schemas), with the test's database and actor, and checks every JSON answer against the OpenAPI document.
 */
export function apiClient(deps: {
  db: () => Db;
  actor?: () => Actor | null;
  operations?: readonly Operation[];
  ip?: string;
}) {
  const operations = deps.operations ?? allOperations;
  const doc = buildOpenApiDocument(deps.operations ?? apiOperations, APP);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
  return async function call<T = any>(
    method: string,
    path: string,
    opts: {
      body?: unknown;
      rawBody?: string | Buffer;
      headers?: Record<string, string>;
    } = {},
  ): Promise<ApiAnswer<T>> {
    const headers = new Headers(opts.headers);
    const rawBytes = Buffer.isBuffer(opts.rawBody) ? opts.rawBody : null;
    let text = typeof opts.rawBody === "string" ? opts.rawBody : "";
    if (opts.body !== undefined) {
      text = JSON.stringify(opts.body);
      if (!headers.has("content-type")) headers.set("content-type", "application/json");
    }
    const out = await handleApiRequest(
      operations,
      {
        method,
        url: path,
        header: (name) => headers.get(name),
        text: async () => rawBytes?.toString("utf8") ?? text,
        stream: () => Readable.from([rawBytes ?? Buffer.from(text)]),
        info: {
          requestId: "test-request",
          ip: deps.ip ?? "127.0.0.1",
          userAgent: "vitest",
          header: (n) => headers.get(n),
        },
      },
      { db: async () => deps.db(), actor: async () => deps.actor?.() ?? null, appUrl: APP },
    );
    let bytes: Buffer | undefined;
    if (out.body instanceof Readable) {
      const parts: Buffer[] = [];
      for await (const part of out.body) parts.push(Buffer.from(part as Uint8Array));
      bytes = Buffer.concat(parts);
    } else if (out.body instanceof Uint8Array) bytes = Buffer.from(out.body);
    const raw = out.body === null ? "" : typeof out.body === "string" ? out.body : (bytes?.toString() ?? "");
    const isJson = (out.headers["content-type"] ?? "").startsWith("application/json");
    const body = isJson && raw ? JSON.parse(raw) : raw || undefined;
    const match = matchOperation(operations, method, new URL(path, APP).pathname);
    if (match.kind === "found" && !match.op.internal && !out.headers["content-disposition"]) {
      expectMatchesOpenApi(doc, method, match.op.path, out.status, body);
    }
    return { status: out.status, body: body as T, headers: out.headers, bytes };
  };
}
