"use client";

import { useActionState } from "react";
import { changeRoleAction } from "@/app/admin/actions";
import type { ActionResult } from "@/server/http/action";

export function RoleForm({ userId, role, label }: { userId: string; role: string; label: string }) {
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(changeRoleAction, null);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <label className="sr-only" htmlFor={`role-${userId}`}>
        Role of {label}
      </label>
      <select
        id={`role-${userId}`}
        name="role"
        defaultValue={role}
        className="rounded-lg border border-slate-300 px-2 py-1 text-sm"
      >
        <option value="STUDENT">Student</option>
        <option value="INSTRUCTOR">Instructor</option>
        <option value="ADMIN">Admin</option>
      </select>
      <button
        disabled={pending}
        className="rounded-lg border border-slate-300 px-2 py-1 text-sm font-medium hover:bg-slate-50 disabled:opacity-60"
      >
        {pending ? "Saving…" : "Change"}
      </button>
      <span
        role="status"
        aria-live="polite"
        className={`text-xs ${state?.ok ? "text-emerald-700" : "text-red-700"}`}
      >
        {state ? (state.ok ? state.message : state.error) : null}
      </span>
    </form>
  );
}
