import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDate } from "@/lib/dates";
import { RoleForm } from "@/components/accounts/role-form";
import { findUsers } from "@/server/accounts/roles";
import { getActor } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { loadOrExplain } from "@/server/http/page-query";
import { changeRoleAction } from "./actions";

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
        <Button>Search</Button>
      </form>
      {error ? (
        <Alert tone="error" className="mt-4">
          {error}
        </Alert>
      ) : null}
      <div className="mt-6">
        <DataTable
          stackOnPhone
          caption="Users, newest first"
          rows={page.items}
          rowKey={(u) => u.id}
          empty={
            <EmptyState
              title="No users match"
              action={
                <Link href="/admin/users" className="font-medium text-brand-700 underline">
                  Clear the search
                </Link>
              }
            />
          }
          columns={[
            {
              header: "User",
              cell: (u) => (
                <>
                  <Link href={`/admin/users/${u.id}`} className="block font-medium hover:underline">
                    {u.name ?? u.email}
                  </Link>
                  <span className="text-slate-500">{u.email}</span>
                </>
              ),
            },
            { header: "Joined", className: "text-slate-600", cell: (u) => formatDate(u.createdAt) },
            {
              header: "Role",
              cell: (u) => <RoleForm action={changeRoleAction} userId={u.id} role={u.role} label={u.email} />,
            },
          ]}
        />
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
