import { z } from "zod";
import { ERROR_STATUS } from "../errors";
import type { OperationSpec } from "./operation";
import { ZApiError } from "./problem";
import {
  WEBHOOK_EVENT_DESCRIPTIONS,
  WEBHOOK_EVENT_SCHEMAS,
  WEBHOOK_EVENT_TYPES,
} from "../integrations/events";

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

/**
 * Who may call an operation, as OpenAPI says it: public ones need nothing (`{}`), `optional` ones take a session,
 * a token with one of their scopes, or nothing; `user` ones a session or such a token. Operations without scopes
 * take only the session cookie (managing tokens, sessions, the account itself).
 */
export function securityOf(ep: OperationSpec): Record<string, string[]>[] {
  if (ep.auth === "public") return [{}];
  const ways: Record<string, string[]>[] = [{ sessionCookie: [] }];
  for (const scope of ep.scopes ?? []) ways.push({ bearerToken: [scope] });
  if (ep.auth === "optional") ways.push({});
  return ways;
}

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
    // Any request with a bearer token that is not valid is a 401; a signed-in operation without one too.
    errorStatuses.add(401);
    // The same-origin rule for cookie-carrying writes (src/server/http/execute.ts).
    if (ep.method !== "GET" && !ep.rawBody) errorStatuses.add(403);
    // A token without the scope, or any token where a browser session is needed.
    if (ep.auth !== "public") errorStatuses.add(403);
    // A token past its own rate limit.
    if (ep.scopes?.length) errorStatuses.add(429);
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
      security: securityOf(ep),
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
        "Version 1 authenticates by a personal API token (`Authorization: Bearer aiw_…`, created on the account " +
        "page; each operation lists the scopes that admit it) or by the session cookie of the platform's pages. " +
        "State-changing requests that carry a cookie must be JSON and same-origin; a token request ignores any " +
        "cookie. Errors are { error: { code, message, fields? } }. Examples: docs/api.md.",
    },
    servers: [{ url: serverUrl }],
    paths,
    webhooks: webhooksSection(),
    components: {
      schemas: { Error: schemaOf(ZApiError, "output") },
      securitySchemes: {
        bearerToken: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "aiw_ + 43 base62 characters + 6-character checksum",
          description:
            "A personal API token. Scopes: learn:read, learn:write (includes learn:read), author:read, " +
            "author:write (includes author:read), admin. Each token may make 600 requests a minute.",
        },
        webhookSignature: {
          type: "apiKey",
          in: "header",
          name: "Webhook-Signature",
          description:
            'Outbound webhooks only: `v1=<hex>`, an HMAC-SHA256 with the endpoint\'s signing secret over `<Webhook-Timestamp>.<raw body>`; two space-separated signatures while a rotated secret overlaps (docs/api.md, "Webhooks").',
        },
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: "authjs.session-token",
          description: "The platform's own pages (`__Secure-authjs.session-token` under https).",
        },
      },
    },
  };
}

/**
 * The outbound events (OpenAPI 3.1 `webhooks`): what the platform POSTs to a registered endpoint. Every request
 * carries `Webhook-Id`, `Webhook-Timestamp` and `Webhook-Signature` (docs/api.md, "Webhooks").
 */
function webhooksSection() {
  const headers = {
    "Webhook-Id": "The event id (also `id` in the body): the same on every attempt; deduplicate on it.",
    "Webhook-Timestamp":
      "Unix seconds when this attempt was signed; reject old ones (for example > 5 minutes).",
  };
  return Object.fromEntries(
    WEBHOOK_EVENT_TYPES.map((type) => [
      type,
      {
        post: {
          operationId: `webhook_${type.replace(/\W/g, "_")}`,
          summary: WEBHOOK_EVENT_DESCRIPTIONS[type],
          tags: ["webhooks"],
          security: [{ webhookSignature: [] }],
          parameters: Object.entries(headers).map(([name, description]) => ({
            name,
            in: "header",
            required: true,
            description,
            schema: { type: "string" },
          })),
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: schemaOf(
                  z.object({
                    id: z.string().describe("The event id"),
                    type: z.literal(type),
                    createdAt: z.iso.datetime({ offset: true }).describe("When the change happened"),
                    data: WEBHOOK_EVENT_SCHEMAS[type],
                  }),
                  "output",
                ),
              },
            },
          },
          responses: {
            "2XX": {
              description: "Received. Anything else (or no answer within 10 s) is retried for 3 days.",
            },
          },
        },
      },
    ]),
  );
}
