import "server-only";
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { getActor } from "../auth/session";
import { getDb } from "../db";
import { getEnv } from "../env";
import { clientIp } from "./client-ip";
import { handleApiRequest } from "./execute";
import { allOperations } from "./registry";
import { requestIdFrom } from "./request-id";

/**
 * The one Next.js adapter of the operation registry: a route handler (any method) that translates the Web
 * Request into the executor's request and its answer back into a Response. Route files only mount it.
 */
export async function handleRouteRequest(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const out = await handleApiRequest(
    allOperations,
    {
      method: request.method,
      url: url.pathname + url.search,
      header: (name) => request.headers.get(name),
      text: () => request.text(),
      stream: () =>
        request.body ? Readable.fromWeb(request.body as unknown as WebReadableStream) : Readable.from([]),
      info: {
        requestId: requestIdFrom(request.headers),
        ip: clientIp(request.headers),
        userAgent: request.headers.get("user-agent"),
        // Next.js compresses what a route handler answers: an operation compressing too would be gzip in gzip.
        header: (name) => (name.toLowerCase() === "accept-encoding" ? null : request.headers.get(name)),
      },
    },
    { db: getDb, actor: getActor, appUrl: getEnv().appUrl },
  );
  const body =
    out.body instanceof Readable ? (Readable.toWeb(out.body) as unknown as ReadableStream) : out.body;
  return new Response(body as BodyInit | null, { status: out.status, headers: out.headers });
}
