import type { Metadata } from "next";
import { SchemaFields, typeLabel, type JsonSchema } from "@/components/api-reference/schema-fields";
import { Container } from "@/components/ui/container";
import { getEnv } from "@/server/env";
import { buildOpenApiDocument } from "@/server/http/openapi";
import { apiOperations } from "@/server/http/registry";

export const metadata: Metadata = {
  title: "API reference",
  description: "Every operation of the AI Whisperers JSON API, from its OpenAPI document.",
};

interface Parameter {
  name: string;
  in: "path" | "query";
  required: boolean;
  schema: JsonSchema;
  description?: string;
}
interface Operation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  parameters?: Parameter[];
  requestBody?: { description?: string; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: JsonSchema }> }>;
  security?: Record<string, string[]>[];
}

const TAG_TITLES: Record<string, string> = {
  platform: "Platform",
  catalog: "Catalog",
  learning: "Learning and certificates",
  me: "Your account",
  reviews: "Reviews",
  payments: "Payments",
  coupons: "Coupons",
  assessments: "Quizzes, assignments and exercises",
  authoring: "Authoring",
  admin: "Administration",
  webhooks: "Webhook endpoints",
};

const AUTH_LABEL = {
  public: { text: "Public", tone: "bg-emerald-100 text-emerald-900" },
  optional: { text: "Public; knows a signed-in caller", tone: "bg-sky-100 text-sky-900" },
  user: { text: "Signed in", tone: "bg-amber-100 text-amber-900" },
} as const;

const METHOD_TONE: Record<string, string> = {
  get: "bg-sky-700",
  post: "bg-emerald-700",
  put: "bg-amber-700",
  patch: "bg-violet-700",
  delete: "bg-red-700",
};

/**
 * The API reference: the OpenAPI document the platform serves at /api/v1/openapi.json, rendered for people on
 * the platform's own origin (no outside script or style), grouped by area, every operation with its parameters,
 * request body and responses.
 */
export default function ApiReferencePage() {
  const appUrl = getEnv().appUrl;
  const doc = buildOpenApiDocument(apiOperations, appUrl) as unknown as {
    paths: Record<string, Record<string, Operation>>;
    webhooks: Record<string, { post: Operation }>;
  };
  const auth = new Map(apiOperations.map((op) => [op.operationId, op.auth]));
  const groups = new Map<string, { method: string; path: string; op: Operation }[]>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const tag = op.tags[0] ?? "platform";
      groups.set(tag, [...(groups.get(tag) ?? []), { method, path, op }]);
    }
  }
  const areas = Object.keys(TAG_TITLES);
  const rank = (tag: string) => (areas.includes(tag) ? areas.indexOf(tag) : areas.length);
  const ordered = [...groups.entries()].sort(([a], [b]) => rank(a) - rank(b));
  const count = [...groups.values()].reduce((n, g) => n + g.length, 0);

  return (
    <Container className="py-10">
      <div className="lg:grid lg:grid-cols-[16rem_1fr] lg:gap-10">
        <nav aria-label="API areas" className="hidden lg:block">
          <div className="sticky top-6 max-h-[calc(100vh-3rem)] overflow-y-auto text-sm">
            <p className="font-semibold text-slate-900">Areas</p>
            <ul className="mt-2 space-y-3">
              {ordered.map(([tag, ops]) => (
                <li key={tag}>
                  <a href={`#area-${tag}`} className="font-medium text-brand-700 hover:underline">
                    {TAG_TITLES[tag] ?? tag}
                  </a>
                  <ul className="mt-1 space-y-0.5 border-l border-slate-200 pl-3">
                    {ops.map(({ op }) => (
                      <li key={op.operationId}>
                        <a
                          href={`#${op.operationId}`}
                          className="block py-0.5 text-slate-600 hover:text-brand-700"
                        >
                          {op.summary}
                        </a>
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
              <li>
                <a href="#webhooks" className="font-medium text-brand-700 hover:underline">
                  Webhook events
                </a>
              </li>
            </ul>
          </div>
        </nav>
        <div className="min-w-0">
          <h1 className="text-3xl font-bold tracking-tight">API reference</h1>
          <div className="mt-4 max-w-3xl space-y-3 text-slate-700">
            <p>
              Version 1 of the JSON API: {count} operations. Base URL{" "}
              <code className="font-mono">{appUrl}</code>. The machine-readable document (OpenAPI 3.1) is at{" "}
              <a href="/api/v1/openapi.json" className="font-medium text-brand-700 underline">
                /api/v1/openapi.json
              </a>
              ; this page is made from it.
            </p>
            <p>
              <strong>Signing in.</strong> Operations marked “Signed in” take a personal API token —{" "}
              <code className="font-mono">Authorization: Bearer aiw_…</code>, made on{" "}
              <a href="/account#api-tokens" className="font-medium text-brand-700 underline">
                your account page
              </a>{" "}
              — with one of the scopes each shows, or the session cookie of the platform&apos;s pages. A few
              (tokens, sessions, export, deleting the account) take only the session. Requests that change
              something and carry the cookie must be JSON (
              <code className="font-mono">content-type: application/json</code>) and come from the
              platform&apos;s own origin. Examples with curl: <code className="font-mono">docs/api.md</code>.
            </p>
            <p>
              <strong>Errors</strong> are{" "}
              <code className="font-mono">{`{ "error": { "code", "message", "fields"? } }`}</code> with the
              status of their code: the message is written for people, the code for programs. Every answer
              carries an <code className="font-mono">x-request-id</code> to quote when asking for help.
            </p>
          </div>
          <nav aria-label="API areas (short list)" className="mt-6 lg:hidden">
            <ul className="flex flex-wrap gap-2 text-sm">
              {ordered.map(([tag]) => (
                <li key={tag}>
                  <a
                    href={`#area-${tag}`}
                    className="inline-block rounded-full border border-slate-300 px-3 py-1 text-slate-700"
                  >
                    {TAG_TITLES[tag] ?? tag}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          {ordered.map(([tag, ops]) => (
            <section key={tag} id={`area-${tag}`} aria-labelledby={`area-${tag}-title`} className="mt-12">
              <h2 id={`area-${tag}-title`} className="text-2xl font-semibold">
                {TAG_TITLES[tag] ?? tag}
              </h2>
              <div className="mt-4 space-y-6">
                {ops.map(({ method, path, op }) => (
                  <OperationCard
                    key={op.operationId}
                    method={method}
                    path={path}
                    op={op}
                    auth={auth.get(op.operationId) ?? "public"}
                  />
                ))}
              </div>
            </section>
          ))}
          <WebhookEvents events={doc.webhooks} />
        </div>
      </div>
    </Container>
  );
}

/**
 * What the platform sends to webhook endpoints (the document's `webhooks`): the request's headers, how to
 * check its signature, and each event's body.
 */
function WebhookEvents({ events }: { events: Record<string, { post: Operation }> }) {
  return (
    <section id="webhooks" aria-labelledby="webhooks-title" className="mt-12">
      <h2 id="webhooks-title" className="text-2xl font-semibold">
        Webhook events
      </h2>
      <div className="mt-4 max-w-3xl space-y-3 text-slate-700">
        <p>
          An administrator registers endpoints (above, or on the Webhooks page of the administration). Each
          event an endpoint subscribes to is POSTed to it as JSON{" "}
          <code className="font-mono">{`{ "id", "type", "createdAt", "data" }`}</code> with three headers:{" "}
          <code className="font-mono">Webhook-Id</code> (the event id, the same on every attempt: deduplicate
          on it), <code className="font-mono">Webhook-Timestamp</code> (Unix seconds) and{" "}
          <code className="font-mono">Webhook-Signature</code>.
        </p>
        <p>
          <strong>Checking the signature.</strong> Compute HMAC-SHA256 with the endpoint&apos;s signing secret
          (the whole <code className="font-mono">whsec_…</code> string) over{" "}
          <code className="font-mono">{"<Webhook-Timestamp>.<raw body>"}</code>, in hex; accept the request
          when it equals one of the <code className="font-mono">v1=</code> values of the header (two during
          the 24 hours after a secret rotation) and the timestamp is recent (within 5 minutes). Compare in
          constant time, on the raw bytes before any JSON parsing. A snippet:{" "}
          <code className="font-mono">docs/api.md</code>, “Webhooks”.
        </p>
        <p>
          <strong>Answering.</strong> Any 2xx within 10 seconds is a delivery. Anything else — another status,
          a redirect (never followed), no answer — is retried with growing waits for 3 days; an endpoint
          failing for 3 days is disabled and the administrators are e-mailed.
        </p>
      </div>
      <div className="mt-6 space-y-6">
        {Object.entries(events).map(([type, { post }]) => {
          const body = Object.values(post.requestBody?.content ?? {})[0];
          const data = (body?.schema as { properties?: Record<string, JsonSchema> } | undefined)?.properties
            ?.data;
          return (
            <article
              key={type}
              id={`event-${type}`}
              aria-labelledby={`event-${type}-title`}
              className="rounded-2xl border border-slate-200 bg-white p-5"
            >
              <h3 id={`event-${type}-title`} className="font-mono text-base font-semibold">
                {type}
              </h3>
              <p className="mt-1 text-slate-700">{post.summary}</p>
              {data ? (
                <div className="mt-3">
                  <SchemaFields schema={data} caption={`The data of ${type}`} />
                </div>
              ) : null}
            </article>
          );
        })}
      </div>
    </section>
  );
}

/** Which personal API tokens the operation admits (its `bearerToken` scopes), or that none does. */
function TokenScopes({ security }: { security: Record<string, string[]>[] }) {
  const scopes = security.flatMap((s) => s.bearerToken ?? []);
  return (
    <span className="rounded-full bg-slate-100 px-2 py-0.5 font-medium text-slate-800">
      {scopes.length > 0
        ? `API token: ${scopes.join(" or ")}`
        : "Signed in on the platform only (no API token)"}
    </span>
  );
}

function OperationCard({
  method,
  path,
  op,
  auth,
}: {
  method: string;
  path: string;
  op: Operation;
  auth: keyof typeof AUTH_LABEL;
}) {
  const body = op.requestBody ? Object.entries(op.requestBody.content)[0] : undefined;
  const statuses = Object.entries(op.responses).sort(([a], [b]) => Number(a) - Number(b));
  const success = statuses.filter(([s]) => Number(s) < 400);
  const failures = statuses.filter(([s]) => Number(s) >= 400);
  return (
    <article
      id={op.operationId}
      aria-labelledby={`${op.operationId}-title`}
      className="scroll-mt-6 rounded-2xl border border-slate-200 bg-white p-5"
    >
      <h3 id={`${op.operationId}-title`} className="flex flex-wrap items-center gap-2">
        <span
          className={`rounded px-2 py-0.5 font-mono text-xs font-bold uppercase text-white ${METHOD_TONE[method] ?? "bg-slate-700"}`}
        >
          {method}
        </span>
        <code className="break-all font-mono text-sm font-semibold text-slate-900">{path}</code>
      </h3>
      <p className="mt-2 text-slate-800">{op.summary}</p>
      {op.description ? <p className="mt-1 text-sm text-slate-600">{op.description}</p> : null}
      <p className="mt-2 flex flex-wrap items-center gap-2 text-xs">
        <span className={`rounded-full px-2 py-0.5 font-medium ${AUTH_LABEL[auth].tone}`}>
          {AUTH_LABEL[auth].text}
        </span>
        {auth !== "public" ? <TokenScopes security={op.security ?? []} /> : null}
        <span className="font-mono text-slate-500">operationId {op.operationId}</span>
      </p>
      {op.parameters?.length ? (
        <div className="mt-4">
          <h4 className="text-sm font-semibold text-slate-900">Parameters</h4>
          <ul className="mt-1 space-y-1 text-sm">
            {op.parameters.map((p) => (
              <li key={`${p.in}-${p.name}`}>
                <code className="font-mono text-xs text-slate-900">{p.name}</code>{" "}
                <span className="text-xs text-slate-500">
                  ({p.in}
                  {p.required ? ", required" : ""}) {typeLabel(p.schema)}
                </span>
                {p.description ? <span className="text-xs text-slate-600"> — {p.description}</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {body ? (
        <div className="mt-4">
          <h4 className="text-sm font-semibold text-slate-900">
            Request body <span className="font-mono text-xs font-normal text-slate-500">{body[0]}</span>
          </h4>
          {op.requestBody?.description ? (
            <p className="text-sm text-slate-600">{op.requestBody.description}</p>
          ) : null}
          <div className="mt-1">
            <SchemaFields schema={body[1].schema} caption={`Request body of ${op.operationId}`} />
          </div>
        </div>
      ) : null}
      <div className="mt-4">
        <h4 className="text-sm font-semibold text-slate-900">Responses</h4>
        <ul className="mt-1 space-y-3 text-sm">
          {success.map(([status, r]) => {
            const content = r.content ? Object.entries(r.content)[0] : undefined;
            return (
              <li key={status}>
                <span className="font-mono font-semibold text-emerald-800">{status}</span> {r.description}
                {content && content[0] === "application/json" ? (
                  <div className="mt-1">
                    <SchemaFields
                      schema={content[1].schema}
                      caption={`Response ${status} of ${op.operationId}`}
                    />
                  </div>
                ) : content ? (
                  <span className="font-mono text-xs text-slate-500"> ({content[0]})</span>
                ) : null}
              </li>
            );
          })}
        </ul>
        {failures.length ? (
          <ul
            className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600"
            aria-label="Error responses"
          >
            {failures.map(([status, r]) => (
              <li key={status}>
                <span className="font-mono font-semibold text-red-800">{status}</span> {r.description}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </article>
  );
}
