import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { findAuditEntries } from "@/server/audit/queries";
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

export default async function AdminAuditPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const { data: page, error } = await loadOrExplain(
    async () => findAuditEntries(await getDb(), await getActor(), params),
    { items: [], nextCursor: null },
  );
  const field = "rounded-lg border border-slate-300 px-3 py-2 text-sm";
  const { cursor: _c, ...filters } = params;
  void _c;
  return (
    <div>
      <h1 className="text-3xl font-bold tracking-tight">Audit log</h1>
      <form className="mt-6 grid gap-3 sm:grid-cols-3 lg:grid-cols-6" aria-label="Filter the audit log">
        <label className="text-sm">
          Actor id
          <input name="actor" defaultValue={params.actor} className={`mt-1 block w-full ${field}`} />
        </label>
        <label className="text-sm">
          Entity type
          <input
            name="entityType"
            defaultValue={params.entityType}
            placeholder="user, session…"
            className={`mt-1 block w-full ${field}`}
          />
        </label>
        <label className="text-sm">
          Entity id
          <input name="entityId" defaultValue={params.entityId} className={`mt-1 block w-full ${field}`} />
        </label>
        <label className="text-sm">
          From
          <input
            name="from"
            type="date"
            defaultValue={params.from}
            className={`mt-1 block w-full ${field}`}
          />
        </label>
        <label className="text-sm">
          To
          <input name="to" type="date" defaultValue={params.to} className={`mt-1 block w-full ${field}`} />
        </label>
        <div className="flex items-end gap-2">
          <button className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
            Filter
          </button>
          <Link href="/admin/audit" className="px-2 py-2 text-sm underline">
            Clear
          </Link>
        </div>
      </form>
      {error ? (
        <p role="alert" className="mt-4 text-red-700">
          {error}
        </p>
      ) : null}
      <div className="mt-6">
        {page.items.length === 0 ? (
          <EmptyState title="No entries match these filters" />
        ) : (
          <div className="overflow-x-auto rounded-2xl border border-slate-200 bg-white">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Audit entries, newest first</caption>
              <thead className="bg-slate-50 text-slate-600">
                <tr>
                  <th scope="col" className="px-4 py-3 font-medium">
                    When (UTC)
                  </th>
                  <th scope="col" className="px-4 py-3 font-medium">
                    Actor
                  </th>
                  <th scope="col" className="px-4 py-3 font-medium">
                    Action
                  </th>
                  <th scope="col" className="px-4 py-3 font-medium">
                    Entity
                  </th>
                  <th scope="col" className="px-4 py-3 font-medium">
                    Change
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 align-top">
                {page.items.map((e) => (
                  <tr key={e.id}>
                    <td className="whitespace-nowrap px-4 py-3 text-slate-600">
                      {e.createdAt.toISOString().replace("T", " ").slice(0, 19)}
                    </td>
                    <td className="px-4 py-3">
                      <span className="font-mono text-xs">{e.actorId ?? "system"}</span>
                      <span className="block text-xs text-slate-500">{e.actorRole}</span>
                    </td>
                    <td className="px-4 py-3 font-medium">{e.action}</td>
                    <td className="px-4 py-3">
                      <span>{e.entityType}</span>
                      <span className="block font-mono text-xs text-slate-500">{e.entityId}</span>
                    </td>
                    <td className="px-4 py-3 font-mono text-xs text-slate-600">
                      {e.before ? <span className="block">before: {JSON.stringify(e.before)}</span> : null}
                      {e.after ? <span className="block">after: {JSON.stringify(e.after)}</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
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
