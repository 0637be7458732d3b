import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { RoleForm } from "@/components/accounts/role-form";
import { findUsers } from "@/server/accounts/roles";
import { getActor } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { loadOrExplain } from "@/server/http/page-query";

export const metadata: Metadata = { title: "Users", robots: { index: false } };

export default async function AdminUsersPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string; cursor?: string }>;
}) {
  const params = await searchParams;
  const { data: page, error } = await loadOrExplain(
    async () => findUsers(await getDb(), await getActor(), params),
    { items: [], nextCursor: null },
  );
  return (
    <div>
      <h1 className="text-3xl font-bold tracking-tight">Users</h1>
      <form role="search" className="mt-6 flex max-w-lg gap-2">
        <label htmlFor="q" className="sr-only">
          Search by e-mail or name
        </label>
        <input
          id="q"
          name="q"
          defaultValue={params.q ?? ""}
          placeholder="Search by e-mail or name"
          className="flex-1 rounded-lg border border-slate-300 px-3 py-2"
        />
        <button className="rounded-lg bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
          Search
        </button>
      </form>
      {error ? (
        <p role="alert" className="mt-4 text-red-700">
          {error}
        </p>
      ) : null}
      <div className="mt-6">
        {page.items.length === 0 ? (
          <EmptyState
            title="No users match"
            action={
              <Link href="/admin/users" className="font-medium text-brand-700 underline">
                Clear the search
              </Link>
            }
          />
        ) : (
          <div className="overflow-x-auto rounded-2xl border border-slate-200 bg-white">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Users, newest first</caption>
              <thead className="bg-slate-50 text-slate-600">
                <tr>
                  <th scope="col" className="px-4 py-3 font-medium">
                    User
                  </th>
                  <th scope="col" className="px-4 py-3 font-medium">
                    Joined
                  </th>
                  <th scope="col" className="px-4 py-3 font-medium">
                    Role
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {page.items.map((u) => (
                  <tr key={u.id}>
                    <td className="px-4 py-3">
                      <Link href={`/admin/users/${u.id}`} className="block font-medium hover:underline">
                        {u.name ?? u.email}
                      </Link>
                      <span className="text-slate-500">{u.email}</span>
                    </td>
                    <td className="px-4 py-3 text-slate-600">{u.createdAt.toISOString().slice(0, 10)}</td>
                    <td className="px-4 py-3">
                      <RoleForm userId={u.id} role={u.role} label={u.email} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {page.nextCursor ? (
          <Link
            href={`/admin/users?${new URLSearchParams({ ...(params.q ? { q: params.q } : {}), cursor: page.nextCursor })}`}
            className="mt-4 inline-flex font-medium text-brand-700 underline"
          >
            Next page
          </Link>
        ) : null}
      </div>
    </div>
  );
}
