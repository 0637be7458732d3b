import { z } from "zod";
import { describe, expect, it } from "vitest";
import { apiClient } from "../../../tests/helpers/api";
import { expectMatchesOpenApi } from "../../../tests/helpers/openapi";
import type { Db } from "../db/types";
import { AppError } from "../errors";
import { toJsonValue } from "./execute";
import { buildOpenApiDocument } from "./openapi";
import { defineOperation } from "./operation";
import { ZApiError } from "./problem";
import { apiOperations } from "./registry";

// A representative operation built with the shared pieces: path params, query, JSON body.
const ZNote = z.object({ title: z.string().min(1).max(100), rating: z.number().int().min(1).max(5) });
let behaviour: "ok" | "conflict" | "crash" | "extra" = "ok";
const op = defineOperation({
  operationId: "putNote",
  method: "PUT",
  path: "/api/v1/notes/{slug}",
  summary: "Test operation",
  tags: ["test"],
  auth: "public",
  params: z.object({ slug: z.string().regex(/^[a-z0-9-]+$/) }),
  query: z.object({ dryRun: z.enum(["true", "false"]).optional() }),
  body: ZNote,
  responses: {
    200: { description: "Saved", schema: ZNote.extend({ slug: z.string() }) },
    409: { description: "Changed meanwhile", schema: ZApiError },
  },
  handler: async ({ params, body }) => {
    if (behaviour === "conflict")
      throw new AppError("CONFLICT", { userMessage: "Someone changed this note." });
    if (behaviour === "crash") throw new Error("secret internal detail");
    if (behaviour === "extra") return { ...body, slug: params.slug, secretColumn: "never sent" };
    return { ...body, slug: params.slug };
  },
});
const doc = buildOpenApiDocument([op], "http://localhost:3000");
const api = apiClient({ db: () => ({}) as Db, operations: [op] });

const APP = "http://localhost:3000";
async function call(
  init: { path?: string; method?: string; body?: string; headers?: Record<string, string> } = {},
) {
  const { path = "/api/v1/notes/my-note", method = "PUT" } = init;
  const res = await api(method, path, {
    rawBody: init.body ?? JSON.stringify({ title: "Hello", rating: 4 }),
    headers: init.headers ?? { "content-type": "application/json" },
  });
  return { status: res.status, headers: res.headers, body: res.body, text: JSON.stringify(res.body) };
}
type ErrorBody = { error: { code: string; message: string; fields?: { path: string }[] } };

describe("the operation executor", () => {
  it("answers a valid request with the handler's result, which matches the OpenAPI document", async () => {
    behaviour = "ok";
    const res = await call();
    expect(res.status).toBe(200);
    expect(res.headers["x-request-id"]).toBeTruthy();
    const body = res.body;
    expect(body).toEqual({ title: "Hello", rating: 4, slug: "my-note" });
    expectMatchesOpenApi(doc, "PUT", "/api/v1/notes/{slug}", 200, body);
  });

  it("answers malformed JSON with 400 in the error shape", async () => {
    const res = await call({ body: "{not json" });
    expect(res.status).toBe(400);
    const body = res.body as ErrorBody;
    expect(body.error).toMatchObject({
      code: "MALFORMED_REQUEST",
      message: "The request body is not valid JSON.",
    });
    expectMatchesOpenApi(doc, "PUT", "/api/v1/notes/{slug}", 400, body);
  });

  it("answers invalid fields with 422 naming every field, not just the first", async () => {
    const res = await call({ body: JSON.stringify({ title: "", rating: 9 }) });
    expect(res.status).toBe(422);
    const body = res.body as ErrorBody;
    expect(body.error.code).toBe("INVALID_INPUT");
    expect(body.error.fields!.map((f) => f.path).sort()).toEqual(["body.rating", "body.title"]);
    expectMatchesOpenApi(doc, "PUT", "/api/v1/notes/{slug}", 422, body);
  });

  it("answers an invalid query parameter with 422 naming it", async () => {
    const res = await call({ path: "/api/v1/notes/my-note?dryRun=maybe" });
    expect(res.status).toBe(422);
    expect((res.body as ErrorBody).error.fields).toEqual([
      { path: "query.dryRun", message: expect.any(String) },
    ]);
  });

  it("answers a malformed path parameter with 404", async () => {
    const res = await call({ path: "/api/v1/notes/NOT_A_SLUG" });
    expect(res.status).toBe(404);
  });

  it("refuses a body that is not JSON with 415", async () => {
    const res = await call({
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "title=x",
    });
    expect(res.status).toBe(415);
    expect((res.body as ErrorBody).error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
  });

  it("refuses a cookie-carrying write from another origin, and accepts it from APP_URL", async () => {
    const cross = await call({
      headers: {
        "content-type": "application/json",
        cookie: "authjs.session-token=abc",
        origin: "https://evil.example",
      },
    });
    expect(cross.status).toBe(403);
    expect((cross.body as ErrorBody).error.message).toMatch(/Cross-site request refused/);
    const noOrigin = await call({ headers: { "content-type": "application/json", cookie: "a=b" } });
    expect(noOrigin.status).toBe(403);
    const same = await call({ headers: { "content-type": "application/json", cookie: "a=b", origin: APP } });
    expect(same.status).toBe(200);
  });

  it("maps an AppError to its status", async () => {
    behaviour = "conflict";
    const res = await call();
    expect(res.status).toBe(409);
    expect((res.body as ErrorBody).error).toMatchObject({
      code: "CONFLICT",
      message: "Someone changed this note.",
    });
    behaviour = "ok";
  });

  it("hides an unexpected error's details behind a generic 500", async () => {
    behaviour = "crash";
    const res = await call();
    expect(res.status).toBe(500);
    expect(res.text).not.toContain("secret internal detail");
    expect((res.body as ErrorBody).error.code).toBe("INTERNAL");
    behaviour = "ok";
  });

  it("answers a wrong method with 405", async () => {
    const res = await call({ method: "POST" });
    expect(res.status).toBe(405);
  });

  it("never answers malformed input with a 500", async () => {
    const bodies = [
      "",
      "null",
      "[]",
      "0",
      '"str"',
      "{}",
      '{"title":null}',
      '{"rating":"5"}',
      '{"rating":1e400}',
      '{"title":"\\u0000"}',
      '{"__proto__":{"x":1}}',
      "[".repeat(5000),
      '{"title":"' + "x".repeat(2_000_000) + '"}',
      "\u0000\u0001",
      "{'a':1}",
    ];
    const queries = ["?dryRun=", "?dryRun=true&dryRun=false", "?%E0%A4%A", "?dryRun[]=1"];
    for (const body of bodies) {
      const res = await call({ body });
      expect(res.status, `body ${body.slice(0, 40)}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `body ${body.slice(0, 40)}`).toBeLessThan(500);
    }
    for (const q of queries) {
      const res = await call({ path: `/api/v1/notes/my-note${q}` });
      expect(res.status, q).toBeLessThan(500);
    }
  });
});

describe("responses", () => {
  it("are parsed by the operation's output schema: fields it does not declare never leave", async () => {
    behaviour = "extra";
    const res = await call();
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ title: "Hello", rating: 4, slug: "my-note" });
    behaviour = "ok";
  });

  it("answer an unknown path with 404 and a wrong method with 405 naming the allowed one", async () => {
    expect((await call({ path: "/api/v1/nothing-here" })).status).toBe(404);
    const wrong = await call({ method: "DELETE" });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe("PUT");
  });
});

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 and documents every registered endpoint with its error responses", () => {
    const real = buildOpenApiDocument(apiOperations, "http://localhost:3000");
    expect(real.openapi).toBe("3.1.0");
    for (const ep of apiOperations) expect(real.paths[ep.path]?.[ep.method.toLowerCase()]).toBeDefined();
    const put = doc.paths["/api/v1/notes/{slug}"]!.put as {
      parameters: { name: string; in: string }[];
      responses: object;
    };
    expect(put.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: "slug", in: "path" }),
        expect.objectContaining({ name: "dryRun", in: "query" }),
      ]),
    );
    // 401 even on a public operation: a bearer token that is not valid is refused, never ignored.
    expect(Object.keys(put.responses).sort()).toEqual([
      "200",
      "400",
      "401",
      "403",
      "404",
      "409",
      "415",
      "422",
      "500",
    ]);
  });
});

describe("answers as JSON sees them", () => {
  it("turns dates into ISO strings and drops undefined properties, copying only what changes", () => {
    const plain = { a: 1, list: [{ b: "x" }, null], nested: { c: true } };
    expect(toJsonValue(plain)).toBe(plain);
    const at = new Date("2026-12-01T10:00:00.123Z");
    const mixed = { a: 1, gone: undefined, when: at, list: [{ b: "x" }, { at }], keep: plain.nested };
    const json = toJsonValue(mixed) as Record<string, unknown>;
    expect(json).toEqual({
      a: 1,
      when: "2026-12-01T10:00:00.123Z",
      list: [{ b: "x" }, { at: "2026-12-01T10:00:00.123Z" }],
      keep: { c: true },
    });
    expect(Object.keys(json)).toEqual(["a", "when", "list", "keep"]);
    expect(json.keep).toBe(plain.nested);
    expect(mixed.when).toBe(at);
    expect(JSON.stringify(json)).toBe(JSON.stringify(mixed));
  });
});
