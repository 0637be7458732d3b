import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { getDatabaseHealth } from "@/server/admin/database-health";
import { getActor } from "@/server/auth/session";
import { getDb } from "@/server/db";

export const metadata: Metadata = { title: "Database health", robots: { index: false } };

export default async function DatabaseHealthPage() {
  const health = await getDatabaseHealth(await getDb(), await getActor());
  const unused = health.indexes.filter((i) => i.unused).length;
  const cell = "px-4 py-2";
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
            {health.statsSince
              ? `${health.statsSince.toISOString().replace("T", " ").slice(0, 16)} UTC`
              : "the database started"}
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
        <div className="mt-3 overflow-x-auto rounded-2xl border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th scope="col" className={cell}>
                  Table
                </th>
                <th scope="col" className={cell}>
                  Size (with indexes)
                </th>
                <th scope="col" className={cell}>
                  Rows (estimate)
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {health.tables.map((t) => (
                <tr key={t.table}>
                  <td className={`${cell} font-mono`}>{t.table}</td>
                  <td className={cell}>{t.size}</td>
                  <td className={cell}>{t.rows.toLocaleString("en-US")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="indexes" className="mt-8">
        <h2 id="indexes" className="text-xl font-semibold">
          Index usage
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          Indexes no query has used since the statistics began are marked “never used” — candidates to drop
          once measured over real traffic.
        </p>
        <div className="mt-3 overflow-x-auto rounded-2xl border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th scope="col" className={cell}>
                  Index
                </th>
                <th scope="col" className={cell}>
                  Table
                </th>
                <th scope="col" className={cell}>
                  Times used
                </th>
                <th scope="col" className={cell}>
                  Size
                </th>
                <th scope="col" className={cell}>
                  Note
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {health.indexes.map((i) => (
                <tr key={i.index} className={i.unused ? "bg-amber-50" : undefined}>
                  <td className={`${cell} font-mono`}>{i.index}</td>
                  <td className={cell}>{i.table}</td>
                  <td className={cell}>{i.timesUsed.toLocaleString("en-US")}</td>
                  <td className={cell}>{i.size}</td>
                  <td className={cell}>
                    {i.unused ? (
                      <Badge tone="warning">never used</Badge>
                    ) : i.backsConstraint ? (
                      <span className="text-slate-500">backs a constraint</span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
