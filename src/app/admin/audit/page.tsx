import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { dateRangeFields, FilterForm } from "@/components/ui/filter-form";
import { formatDateTime } from "@/lib/dates";
import { findAuditEntries, isErasedId } from "@/server/audit/queries";
import { getActor } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { loadOrExplain } from "@/server/http/page-query";

export const metadata: Metadata = { title: "Audit log", robots: { index: false } };

type Params = {
  actor?: string;
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
  cursor?: string;
};

/** Someone in the log: name and e-mail as they are now, "deleted user" once erased, the id for the record. */
function Person({
  id,
  name,
  email,
  role,
  nobody,
}: {
  id: string | null;
  name: string | null;
  email: string | null;
  role?: string | null;
  nobody: string;
}) {
  if (!id) return <span className="text-slate-600">{nobody}</span>;
  return (
    <>
      {email ? (
        <>
          <span className="block font-medium">{name || email}</span>
          {name ? <span className="block text-xs break-all text-slate-600">{email}</span> : null}
        </>
      ) : (
        <span className="block text-slate-600 italic">
          {isErasedId(id) ? "deleted user" : "unknown user"}
        </span>
      )}
      {role ? <span className="block text-xs text-slate-500">{role}</span> : null}
      <span className="block font-mono text-[11px] break-all text-slate-400">{id}</span>
    </>
  );
}

export default async function AdminAuditPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const { data: page, error } = await loadOrExplain(
    async () => findAuditEntries(await getDb(), await getActor(), params),
    { items: [], nextCursor: null },
  );
  const { cursor: _c, ...filters } = params;
  void _c;
  return (
    <div>
      <h1 className="text-3xl font-bold tracking-tight">Audit log</h1>
      <FilterForm
        label="Filter the audit log"
        error={error}
        clearHref="/admin/audit"
        fields={[
          {
            name: "actor",
            label: "Actor (e-mail or id)",
            defaultValue: params.actor,
            placeholder: "ada@example.com",
          },
          {
            name: "entityType",
            label: "Entity type",
            defaultValue: params.entityType,
            placeholder: "user, session…",
          },
          { name: "entityId", label: "Entity id", defaultValue: params.entityId },
          ...dateRangeFields(params),
        ]}
      />
      <div className="mt-6">
        <DataTable
          stackOnPhone
          caption="Audit entries, newest first"
          rows={page.items}
          rowKey={(e) => e.id}
          empty={<EmptyState title="No entries match these filters" />}
          columns={[
            {
              header: "When (UTC)",
              className: "whitespace-nowrap text-slate-600",
              cell: (e) => formatDateTime(e.createdAt),
            },
            {
              header: "Actor",
              cell: (e) => (
                <Person
                  id={e.actorId}
                  name={e.actorName}
                  email={e.actorEmail}
                  role={e.actorRole}
                  nobody="system"
                />
              ),
            },
            { header: "Action", className: "font-medium", cell: (e) => e.action },
            {
              header: "Entity",
              cell: (e) =>
                e.entityType === "user" ? (
                  <>
                    <span>user</span>
                    <Person id={e.entityId} name={e.entityName} email={e.entityEmail} nobody="" />
                  </>
                ) : (
                  <>
                    <span>{e.entityType}</span>
                    <span className="block font-mono text-xs break-all text-slate-500">{e.entityId}</span>
                  </>
                ),
            },
            {
              header: "Change",
              // Never clipped: long values wrap anywhere.
              className:
                "min-w-64 font-mono text-xs text-slate-600 [overflow-wrap:anywhere] whitespace-pre-wrap",
              cell: (e) => (
                <>
                  {e.before ? <span className="block">before: {JSON.stringify(e.before)}</span> : null}
                  {e.after ? <span className="block">after: {JSON.stringify(e.after)}</span> : null}
                </>
              ),
            },
          ]}
        />
        {page.nextCursor ? (
          <Link
            href={`/admin/audit?${new URLSearchParams({ ...filters, cursor: page.nextCursor } as Record<string, string>)}`}
            className="mt-4 inline-flex font-medium text-brand-700 underline"
          >
            Older entries
          </Link>
        ) : null}
      </div>
    </div>
  );
}
