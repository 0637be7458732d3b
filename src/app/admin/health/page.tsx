import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/data-table";
import { formatDateTime } from "@/lib/dates";
import { getDatabaseHealth } from "@/server/admin/database-health";
import { getActor } from "@/server/auth/session";
import { getDb } from "@/server/db";

export const metadata: Metadata = { title: "Database health", robots: { index: false } };

export default async function DatabaseHealthPage() {
  const health = await getDatabaseHealth(await getDb(), await getActor());
  const unused = health.indexes.filter((i) => i.unused).length;
  return (
    <div>
      <h1 className="text-3xl font-bold tracking-tight">Database health</h1>
      <dl className="mt-6 grid gap-4 sm:grid-cols-3">
        <div className="rounded-xl border border-slate-200 bg-white p-4">
          <dt className="text-sm text-slate-500">Database</dt>
          <dd className="mt-1 font-semibold text-emerald-700">Reachable · {health.latencyMs} ms</dd>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-4">
          <dt className="text-sm text-slate-500">Statistics collected since</dt>
          <dd className="mt-1 font-semibold">
            {health.statsSince ? formatDateTime(health.statsSince) : "the database started"}
          </dd>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-4">
          <dt className="text-sm text-slate-500">Indexes never used (not backing a constraint)</dt>
          <dd className="mt-1 font-semibold">{unused}</dd>
        </div>
      </dl>
      <section aria-labelledby="tables" className="mt-8">
        <h2 id="tables" className="text-xl font-semibold">
          Table sizes
        </h2>
        <DataTable
          className="mt-3"
          caption="Table sizes"
          rows={health.tables}
          rowKey={(t) => t.table}
          columns={[
            { header: "Table", className: "font-mono", cell: (t) => t.table },
            { header: "Size (with indexes)", cell: (t) => t.size },
            { header: "Rows (estimate)", cell: (t) => t.rows.toLocaleString("en-US") },
          ]}
        />
      </section>
      <section aria-labelledby="indexes" className="mt-8">
        <h2 id="indexes" className="text-xl font-semibold">
          Index usage
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          Indexes no query has used since the statistics began are marked “never used” — candidates to drop
          once measured over real traffic.
        </p>
        <DataTable
          className="mt-3"
          caption="Index usage"
          rows={health.indexes}
          rowKey={(i) => i.index}
          rowClassName={(i) => (i.unused ? "bg-amber-50" : undefined)}
          columns={[
            { header: "Index", className: "font-mono", cell: (i) => i.index },
            { header: "Table", cell: (i) => i.table },
            { header: "Times used", cell: (i) => i.timesUsed.toLocaleString("en-US") },
            { header: "Size", cell: (i) => i.size },
            {
              header: "Note",
              cell: (i) =>
                i.unused ? (
                  <Badge tone="warning">never used</Badge>
                ) : i.backsConstraint ? (
                  <span className="text-slate-500">backs a constraint</span>
                ) : null,
            },
          ]}
        />
      </section>
    </div>
  );
}
