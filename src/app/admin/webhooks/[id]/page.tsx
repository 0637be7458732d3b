import type { Metadata } from "next";
import Link from "next/link";
import { RotateSecretForm, WebhookEndpointForm } from "@/components/admin/webhook-forms";
import { WebhookEndpointStatus } from "@/components/admin/webhook-status";
import { ActionForm } from "@/components/ui/action-form";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, ButtonLink } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime, formatDateTimeOrDash } from "@/lib/dates";
import { getActor } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { loadOrExplain } from "@/server/http/page-query";
import { orNotFound } from "@/server/http/pages";
import {
  getWebhookEndpoint,
  listWebhookDeliveries,
  WEBHOOK_EVENT_DESCRIPTIONS,
  WEBHOOK_EVENT_TYPES,
  type WebhookDeliveryView,
} from "@/server/integrations/webhooks";
import {
  deleteWebhookAction,
  resendWebhookDeliveryAction,
  rotateWebhookSecretAction,
  sendTestWebhookAction,
  setWebhookEnabledAction,
  updateWebhookAction,
} from "../actions";

export const metadata: Metadata = { title: "Webhook endpoint", robots: { index: false } };

const EVENT_CHOICES = WEBHOOK_EVENT_TYPES.map((t) => ({ value: t, label: WEBHOOK_EVENT_DESCRIPTIONS[t] }));

function DeliveryStatus({ d }: { d: WebhookDeliveryView }) {
  if (d.status === "DELIVERED") return <Badge tone="success">delivered</Badge>;
  if (d.status === "FAILED") return <Badge tone="warning">failed</Badge>;
  return <Badge tone="brand">{d.attempts === 0 ? "queued" : "retrying"}</Badge>;
}

export default async function AdminWebhookPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ cursor?: string }>;
}) {
  const [{ id }, { cursor }] = await Promise.all([params, searchParams]);
  const [db, actor] = await Promise.all([getDb(), getActor()]);
  const endpoint = await orNotFound(getWebhookEndpoint(db, actor, id.slice(0, 64)));
  const { data: deliveries, error } = await loadOrExplain(
    () => listWebhookDeliveries(db, actor, endpoint.id, { cursor }),
    { items: [], nextCursor: null },
  );
  return (
    <div className="space-y-10">
      <div>
        <p className="text-sm">
          <Link href="/admin/webhooks" className="text-brand-700 underline">
            ← All webhook endpoints
          </Link>
        </p>
        <h1 className="mt-2 break-all text-2xl font-bold tracking-tight">{endpoint.url}</h1>
        <p className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-600">
          <WebhookEndpointStatus endpoint={endpoint} />
          {endpoint.description ? <span>{endpoint.description}</span> : null}
          <span>added {formatDateTime(endpoint.createdAt)}</span>
          {endpoint.previousSecretExpiresAt ? (
            <span>
              the previous secret also signs until {formatDateTime(endpoint.previousSecretExpiresAt)}
            </span>
          ) : null}
        </p>
        {!endpoint.enabled && endpoint.disabledReason === "FAILING" ? (
          <div className="mt-4">
            <Alert tone="warning">
              Every attempt failed for 3 days, so this endpoint was disabled and the administrators were told
              by e-mail. Fix the receiver, enable the endpoint, then resend the deliveries it missed.
            </Alert>
          </div>
        ) : null}
        <div className="mt-4 flex flex-wrap items-start gap-3">
          <ActionForm action={sendTestWebhookAction} hiddenFields={{ id: endpoint.id }} className="space-y-1">
            <Button variant="secondary" size="sm" disabled={!endpoint.enabled}>
              Send a test event
            </Button>
          </ActionForm>
          <ActionForm
            action={setWebhookEnabledAction}
            hiddenFields={{ id: endpoint.id, enabled: String(!endpoint.enabled) }}
            className="space-y-1"
          >
            <Button variant="secondary" size="sm">
              {endpoint.enabled ? "Disable" : "Enable"}
            </Button>
          </ActionForm>
          <ButtonLink href={`/admin/webhooks/${endpoint.id}`} variant="secondary" size="sm">
            Refresh deliveries
          </ButtonLink>
        </div>
      </div>

      <section aria-labelledby="deliveries">
        <h2 id="deliveries" className="text-xl font-semibold">
          Recent deliveries
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          Newest first, kept 30 days. A failed attempt is retried with growing waits (30 s, 1 min, 2 min … up
          to 6 h) for 3 days.
        </p>
        <div className="mt-4">
          {error ? <Alert tone="error">{error}</Alert> : null}
          <DataTable
            caption="Deliveries to this endpoint"
            scrollable
            columns={[
              {
                header: "Event",
                rowHeader: true,
                cell: (d) => (
                  <span>
                    <code className="font-mono text-xs font-semibold">{d.eventType}</code>
                    <span className="block font-mono text-xs text-slate-500">{d.eventId}</span>
                  </span>
                ),
              },
              { header: "Status", cell: (d) => <DeliveryStatus d={d} /> },
              { header: "Attempts", cell: (d) => d.attempts, className: "text-right" },
              { header: "Response", cell: (d) => d.lastStatusCode ?? "—", className: "text-right" },
              {
                header: "Latency",
                cell: (d) => (d.lastLatencyMs === null ? "—" : `${d.lastLatencyMs} ms`),
                className: "whitespace-nowrap text-right",
              },
              {
                header: "Last attempt",
                cell: (d) => (
                  <span>
                    {formatDateTimeOrDash(d.lastAttemptAt)}
                    {d.status === "PENDING" && d.nextAttemptAt ? (
                      <span className="block text-xs text-slate-500">
                        next {formatDateTime(d.nextAttemptAt)}
                      </span>
                    ) : null}
                    {d.lastError ? (
                      <span className="block max-w-xs text-xs text-red-700">{d.lastError}</span>
                    ) : null}
                  </span>
                ),
              },
              {
                header: <span className="sr-only">Actions</span>,
                cell: (d) =>
                  d.status === "PENDING" ? null : (
                    <ActionForm
                      action={resendWebhookDeliveryAction}
                      hiddenFields={{ id: endpoint.id, deliveryId: d.id }}
                      statusSize="xs"
                    >
                      <Button variant="secondary" size="xs">
                        Resend
                        <span className="sr-only">
                          {" "}
                          {d.eventType} {d.eventId}
                        </span>
                      </Button>
                    </ActionForm>
                  ),
              },
            ]}
            rows={deliveries.items}
            rowKey={(d) => d.id}
            empty={
              error ? undefined : (
                <EmptyState title="Nothing sent yet">
                  Deliveries appear here as events happen. Send a test event to check the receiver now.
                </EmptyState>
              )
            }
          />
          {deliveries.nextCursor ? (
            <p className="mt-3 text-sm">
              <Link
                href={`/admin/webhooks/${endpoint.id}?cursor=${deliveries.nextCursor}`}
                className="font-medium text-brand-700 underline"
              >
                Older deliveries
              </Link>
            </p>
          ) : null}
        </div>
      </section>

      <section aria-labelledby="settings" className="max-w-3xl">
        <h2 id="settings" className="text-xl font-semibold">
          Settings
        </h2>
        <div className="mt-4 space-y-6 rounded-2xl border border-slate-200 bg-white p-6">
          <WebhookEndpointForm action={updateWebhookAction} events={EVENT_CHOICES} endpoint={endpoint} />
          <RotateSecretForm action={rotateWebhookSecretAction} endpointId={endpoint.id} />
          <details className="text-sm">
            <summary className="cursor-pointer font-medium text-red-700">Delete this endpoint…</summary>
            <ActionForm
              action={deleteWebhookAction}
              hiddenFields={{ id: endpoint.id }}
              className="mt-2 max-w-md space-y-2 rounded-lg bg-red-50 p-3"
            >
              <p className="text-red-900">
                Delete this endpoint and its delivery history? Deliveries still waiting are dropped. This
                cannot be undone.
              </p>
              <Button variant="danger" size="sm">
                Yes, delete it
              </Button>
            </ActionForm>
          </details>
        </div>
      </section>
    </div>
  );
}
