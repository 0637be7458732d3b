import { connection } from "next/server";
import type { Metadata } from "next";
import { Container } from "@/components/ui/container";
import { getDemoOverview } from "@/server/platform/demo";

export const metadata: Metadata = { title: "Demo mode", robots: { index: false } };

export default async function DevPage() {
  await connection();
  const overview = await getDemoOverview();
  return (
    <Container className="py-12">
      <h1 className="text-3xl font-bold tracking-tight">Demo mode</h1>
      <p className="mt-3 max-w-prose text-slate-600">
        This instance runs in demo mode, for trying the platform on one machine. None of this exists in
        production mode, which requires a PostgreSQL server, a public URL, a secret and a real way to sign in.
      </p>
      <dl className="mt-8 grid gap-4 sm:grid-cols-2">
        {overview.facts.map((fact) => (
          <div key={fact.label} className="rounded-xl border border-slate-200 bg-white p-4">
            <dt className="text-sm font-medium text-slate-500">{fact.label}</dt>
            <dd className="mt-1 break-words font-mono text-sm text-slate-900">{fact.value}</dd>
          </div>
        ))}
      </dl>
    </Container>
  );
}
