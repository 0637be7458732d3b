import { z } from "zod";
import { describe, expect, it } from "vitest";
import { expectMatchesOpenApi } from "../../../tests/helpers/openapi";
import { AppError } from "../errors";
import { apiRoute, defineEndpoint } from "./api";
import { buildOpenApiDocument } from "./openapi";
import { endpoints } from "./endpoints";

// A representative endpoint built with the shared pieces: path params, query, JSON body.
const ZNote = z.object({ title: z.string().min(1).max(100), rating: z.number().int().min(1).max(5) });
const spec = defineEndpoint({
  operationId: "putNote",
  method: "PUT",
  path: "/api/v1/notes/{slug}",
  summary: "Test endpoint",
  tags: ["test"],
  params: z.object({ slug: z.string().regex(/^[a-z0-9-]+$/) }),
  query: z.object({ dryRun: z.enum(["true", "false"]).optional() }),
  body: ZNote,
  responses: { 200: { description: "Saved", schema: ZNote.extend({ slug: z.string() }) } },
});
let behaviour: "ok" | "conflict" | "crash" = "ok";
const handler = apiRoute(spec, async ({ params, body }) => {
  if (behaviour === "conflict") throw new AppError("CONFLICT", { userMessage: "Someone changed this note." });
  if (behaviour === "crash") throw new Error("secret internal detail");
  return { body: { ...body, slug: params.slug } };
});
const doc = buildOpenApiDocument([spec], "http://localhost:3000");

const APP = "http://localhost:3000";
function call(init: RequestInit & { path?: string } = {}) {
  const { path = "/api/v1/notes/my-note", ...rest } = init;
  const slug = path.split("/").pop()!.split("?")[0]!;
  return handler(
    new Request(APP + path, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title: "Hello", rating: 4 }),
      ...rest,
    }),
    { params: Promise.resolve({ slug }) },
  );
}
async function bodyOf(res: Response) {
  return (await res.json()) as { error: { code: string; message: string; fields?: { path: string }[] } };
}

describe("apiRoute", () => {
  it("answers a valid request with the handler's result, which matches the OpenAPI document", async () => {
    behaviour = "ok";
    const res = await call();
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toBeTruthy();
    const body = await res.json();
    expect(body).toEqual({ title: "Hello", rating: 4, slug: "my-note" });
    expectMatchesOpenApi(doc, "PUT", "/api/v1/notes/{slug}", 200, body);
  });

  it("answers malformed JSON with 400 in the error shape", async () => {
    const res = await call({ body: "{not json" });
    expect(res.status).toBe(400);
    const body = await bodyOf(res);
    expect(body.error).toMatchObject({
      code: "MALFORMED_REQUEST",
      message: "The request body is not valid JSON.",
    });
    expectMatchesOpenApi(doc, "PUT", "/api/v1/notes/{slug}", 400, body);
  });

  it("answers invalid fields with 422 naming every field, not just the first", async () => {
    const res = await call({ body: JSON.stringify({ title: "", rating: 9 }) });
    expect(res.status).toBe(422);
    const body = await bodyOf(res);
    expect(body.error.code).toBe("INVALID_INPUT");
    expect(body.error.fields!.map((f) => f.path).sort()).toEqual(["body.rating", "body.title"]);
    expectMatchesOpenApi(doc, "PUT", "/api/v1/notes/{slug}", 422, body);
  });

  it("answers an invalid query parameter with 422 naming it", async () => {
    const res = await call({ path: "/api/v1/notes/my-note?dryRun=maybe" });
    expect(res.status).toBe(422);
    expect((await bodyOf(res)).error.fields).toEqual([{ path: "query.dryRun", message: expect.any(String) }]);
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
    expect((await bodyOf(res)).error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
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
    expect((await bodyOf(cross)).error.message).toMatch(/Cross-site request refused/);
    const noOrigin = await call({ headers: { "content-type": "application/json", cookie: "a=b" } });
    expect(noOrigin.status).toBe(403);
    const same = await call({ headers: { "content-type": "application/json", cookie: "a=b", origin: APP } });
    expect(same.status).toBe(200);
  });

  it("maps an AppError to its status", async () => {
    behaviour = "conflict";
    const res = await call();
    expect(res.status).toBe(409);
    expect((await bodyOf(res)).error).toMatchObject({
      code: "CONFLICT",
      message: "Someone changed this note.",
    });
    behaviour = "ok";
  });

  it("hides an unexpected error's details behind a generic 500", async () => {
    behaviour = "crash";
    const res = await call();
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain("secret internal detail");
    expect(JSON.parse(text).error.code).toBe("INTERNAL");
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

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 and documents every registered endpoint with its error responses", () => {
    const real = buildOpenApiDocument(endpoints, "http://localhost:3000");
    expect(real.openapi).toBe("3.1.0");
    for (const ep of endpoints) expect(real.paths[ep.path]?.[ep.method.toLowerCase()]).toBeDefined();
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
    expect(Object.keys(put.responses).sort()).toEqual(["200", "400", "404", "415", "422", "500"]);
  });
});
