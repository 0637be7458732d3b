import type { Metadata } from "next";
import Link from "next/link";
import { WebhookEndpointForm } from "@/components/admin/webhook-forms";
import { Alert } from "@/components/ui/alert";
import { WebhookEndpointStatus } from "@/components/admin/webhook-status";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDate } from "@/lib/dates";
import { getActor } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { loadOrExplain } from "@/server/http/page-query";
import {
  listWebhookEndpoints,
  WEBHOOK_EVENT_DESCRIPTIONS,
  WEBHOOK_EVENT_TYPES,
} from "@/server/integrations/webhooks";
import { createWebhookAction } from "./actions";

export const metadata: Metadata = { title: "Webhooks", robots: { index: false } };

const EVENT_CHOICES = WEBHOOK_EVENT_TYPES.map((t) => ({ value: t, label: WEBHOOK_EVENT_DESCRIPTIONS[t] }));

export default async function AdminWebhooksPage({
  searchParams,
}: {
  searchParams: Promise<{ deleted?: string }>;
}) {
  const { deleted } = await searchParams;
  const [db, actor] = await Promise.all([getDb(), getActor()]);
  const { data: endpoints, error } = await loadOrExplain(() => listWebhookEndpoints(db, actor), []);
  return (
    <div>
      <h1 className="text-3xl font-bold tracking-tight">Webhooks</h1>
      <p className="mt-2 max-w-3xl text-slate-600">
        Tell the school&apos;s other systems (a CRM, HR, Slack) when something happens here: each event is
        POSTed as signed JSON to the addresses below, retried for 3 days if the receiver fails, and kept 30
        days. Payloads carry ids and facts, never names or e-mail addresses.{" "}
        <Link href="/developers/api#webhooks" className="font-medium text-brand-700 underline">
          Event formats and signature checks
        </Link>
        .
      </p>
      {deleted ? (
        <div className="mt-4">
          <Alert tone="success">Endpoint deleted, with its delivery history.</Alert>
        </div>
      ) : null}
      <div className="mt-8">
        {error ? <Alert tone="error">{error}</Alert> : null}
        <DataTable
          caption="Webhook endpoints"
          columns={[
            {
              header: "Address",
              rowHeader: true,
              className: "max-w-xs break-all",
              cell: (e) => (
                <Link href={`/admin/webhooks/${e.id}`} className="font-medium text-brand-700 underline">
                  {e.url}
                </Link>
              ),
            },
            { header: "Description", cell: (e) => e.description || "—" },
            { header: "Events", cell: (e) => e.events.join(", "), className: "max-w-xs text-xs" },
            { header: "Status", cell: (e) => <WebhookEndpointStatus endpoint={e} /> },
            { header: "Added", cell: (e) => formatDate(e.createdAt), className: "whitespace-nowrap" },
          ]}
          rows={endpoints}
          rowKey={(e) => e.id}
          empty={
            error ? undefined : (
              <EmptyState title="No webhook endpoints yet">
                Add the address of a system that should hear about enrollments, completions, payments and
                more.
              </EmptyState>
            )
          }
        />
      </div>
      <section className="mt-10 max-w-3xl" aria-labelledby="new-webhook">
        <h2 id="new-webhook" className="text-xl font-semibold">
          Add an endpoint
        </h2>
        <div className="mt-4 rounded-2xl border border-slate-200 bg-white p-6">
          <WebhookEndpointForm action={createWebhookAction} events={EVENT_CHOICES} />
        </div>
      </section>
    </div>
  );
}
