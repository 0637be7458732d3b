import type { Metadata } from "next";
import { connection } from "next/server";
import { Container } from "@/components/ui/container";
import { DataTable } from "@/components/ui/data-table";
import { formatDateTime } from "@/lib/dates";
import { checkHealth } from "@/server/admin/health";
import { getDb } from "@/server/db";

export const metadata: Metadata = { title: "Status", robots: { index: false } };

/**
 * The platform's status for people (the machine-readable check stays at /api/health): whether this server
 * answers and whether its database does, checked when the page is requested.
 */
export default async function StatusPage() {
  await connection(); // checked on every request, never prerendered
  const report = await checkHealth(getDb);
  const ok = report.status === "ok";
  const checkedAt = report.checkedAt;
  const rows = [
    {
      name: "Website and API",
      ok: true,
      detail: "Answering: you are reading this page from it.",
    },
    {
      name: "Database",
      ok,
      detail: ok
        ? `Answering (${report.latencyMs} ms to answer a query).`
        : `${report.reason ?? "Not answering."} Courses, sign-in and progress are unavailable until it is back.`,
    },
  ];
  return (
    <Container className="py-12">
      <div className="mx-auto max-w-2xl">
        <h1 className="text-3xl font-bold tracking-tight">Status</h1>
        <p
          role="status"
          className={`mt-6 rounded-2xl p-5 text-lg font-semibold ${ok ? "bg-emerald-50 text-emerald-900" : "bg-red-50 text-red-900"}`}
        >
          {ok ? "All systems are working." : "Part of the platform is down: we are on it."}
        </p>
        <DataTable
          className="mt-6"
          caption="Each part of the platform and whether it works"
          rows={rows}
          rowKey={(r) => r.name}
          columns={[
            {
              header: "Part",
              rowHeader: true,
              className: "font-medium text-slate-900",
              cell: (r) => r.name,
            },
            {
              header: "State",
              cell: (r) => (
                <span
                  className={`rounded-full px-2 py-0.5 text-xs font-semibold ${r.ok ? "bg-emerald-100 text-emerald-900" : "bg-red-100 text-red-900"}`}
                >
                  {r.ok ? "Working" : "Down"}
                </span>
              ),
            },
            { header: "Details", className: "text-slate-700", cell: (r) => r.detail },
          ]}
        />
        <p className="mt-4 text-sm text-slate-600">
          Checked {formatDateTime(checkedAt)}; reload the page to check again. Monitoring systems can poll{" "}
          <a href="/api/health" className="font-medium text-brand-700 underline">
            /api/health
          </a>{" "}
          (JSON; status 200 when working, 503 when not).
        </p>
      </div>
    </Container>
  );
}
