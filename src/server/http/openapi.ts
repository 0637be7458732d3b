import { z } from "zod";
import { ERROR_STATUS } from "../errors";
import type { OperationSpec } from "./operation";
import { ZApiError } from "./problem";

type JsonSchema = Record<string, unknown>;

function schemaOf(type: z.ZodType, io: "input" | "output"): JsonSchema {
  const out = z.toJSONSchema(type, { io, unrepresentable: "any", target: "draft-2020-12" }) as JsonSchema;
  delete out.$schema;
  return out;
}

/** The general code of each status (the first listed: CONFLICT for 409, INVALID_INPUT for 422). */
const STATUS_TEXT: Record<number, string> = Object.fromEntries(
  Object.entries(ERROR_STATUS)
    .reverse()
    .map(([code, status]) => [status, code]),
);

/** The OpenAPI 3.1 document, generated from the same zod schemas the handlers parse with. */
export function buildOpenApiDocument(operations: readonly OperationSpec[], serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const ep of operations) {
    if (ep.internal) continue;
    const parameters: unknown[] = [];
    for (const [where, obj] of [
      ["path", ep.params],
      ["query", ep.query],
    ] as const) {
      if (!obj) continue;
      const shape = schemaOf(obj, "input") as {
        properties?: Record<string, JsonSchema>;
        required?: string[];
      };
      for (const [name, schema] of Object.entries(shape.properties ?? {})) {
        parameters.push({
          name,
          in: where,
          required: where === "path" || (shape.required ?? []).includes(name),
          schema,
          ...(typeof schema.description === "string" ? { description: schema.description } : {}),
        });
      }
    }
    const responses: Record<string, unknown> = {};
    for (const [status, r] of Object.entries(ep.responses)) {
      responses[status] = {
        description: r.description,
        ...(r.contentType
          ? { content: { [r.contentType]: { schema: { type: "string", contentMediaType: r.contentType } } } }
          : r.schema
            ? { content: { "application/json": { schema: schemaOf(r.schema, "output") } } }
            : {}),
      };
    }
    const errorStatuses = new Set<number>([
      500,
      ...(ep.query || ep.body ? [422] : []),
      ...(ep.body || ep.streamBody ? [400, 415] : []),
      ...(ep.rawBodyDoc ? [400] : []),
    ]);
    if (ep.params) errorStatuses.add(404);
    if (ep.auth === "user") errorStatuses.add(401);
    // The same-origin rule for cookie-carrying writes (src/server/http/execute.ts).
    if (ep.method !== "GET" && !ep.rawBody) errorStatuses.add(403);
    for (const status of errorStatuses) {
      responses[String(status)] ??= {
        description: STATUS_TEXT[status] ?? "Error",
        content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
      };
    }
    paths[ep.path] ??= {};
    paths[ep.path]![ep.method.toLowerCase()] = {
      operationId: ep.operationId,
      summary: ep.summary,
      ...(ep.description ? { description: ep.description } : {}),
      tags: ep.tags,
      ...(parameters.length ? { parameters } : {}),
      ...(ep.body
        ? {
            requestBody: {
              required: true,
              content: { "application/json": { schema: schemaOf(ep.body, "input") } },
            },
          }
        : ep.streamBody
          ? {
              requestBody: {
                required: true,
                content: {
                  "multipart/form-data": {
                    schema: {
                      type: "object",
                      required: ["file"],
                      properties: { file: { type: "string", contentMediaType: "application/octet-stream" } },
                    },
                  },
                },
              },
            }
          : ep.rawBodyDoc
            ? {
                requestBody: {
                  required: true,
                  description: ep.rawBodyDoc.description,
                  content: { [ep.rawBodyDoc.contentType]: { schema: { type: "object" } } },
                },
              }
            : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "AI Whisperers API",
      version: "1.0.0",
      description:
        "Version 1 authenticates by the session cookie. State-changing requests that carry a cookie must be " +
        "JSON and same-origin. Errors are { error: { code, message, fields? } }.",
    },
    servers: [{ url: serverUrl }],
    paths,
    components: { schemas: { Error: schemaOf(ZApiError, "output") } },
  };
}
