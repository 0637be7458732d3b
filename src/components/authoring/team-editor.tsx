"use client";

import { useActionState } from "react";
import { addInstructorAction, removeInstructorAction } from "@/app/instructor/team-actions";
import type { ActionResult } from "@/server/http/action";
import { ActionStatus } from "./action-status";

interface Member {
  userId: string;
  name: string | null;
  email: string;
  role: "OWNER" | "INSTRUCTOR";
}

function RemoveButton({ courseId, member, last }: { courseId: string; member: Member; last: boolean }) {
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(
    removeInstructorAction,
    null,
  );
  if (last) return <span className="text-xs text-slate-500">the course&apos;s only instructor</span>;
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="courseId" value={courseId} />
      <input type="hidden" name="userId" value={member.userId} />
      <button
        disabled={pending}
        className="text-sm font-medium text-red-700 hover:underline disabled:opacity-60"
        aria-label={`Remove ${member.name ?? member.email} from the course`}
      >
        Remove
      </button>
      <ActionStatus state={state} />
    </form>
  );
}

/** The course's instructors: list, add by e-mail, remove (never the last one). */
export function TeamEditor({ courseId, team }: { courseId: string; team: Member[] }) {
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(addInstructorAction, null);
  return (
    <div>
      <ul className="divide-y divide-slate-100">
        {team.map((m) => (
          <li key={m.userId} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
            <span>
              <span className="font-medium">{m.name ?? m.email}</span>{" "}
              <span className="text-slate-500">{m.email}</span>
              {m.role === "OWNER" ? <span className="ml-2 text-xs text-slate-500">owner</span> : null}
            </span>
            <RemoveButton courseId={courseId} member={m} last={team.length <= 1} />
          </li>
        ))}
      </ul>
      <form action={action} className="mt-4 flex flex-wrap items-end gap-2">
        <input type="hidden" name="courseId" value={courseId} />
        <label className="text-sm">
          Add an instructor by e-mail
          <input
            name="email"
            type="email"
            required
            className="mt-1 block w-72 max-w-full rounded-lg border border-slate-300 px-3 py-2"
          />
        </label>
        <button
          disabled={pending}
          className="rounded-lg border border-slate-300 px-3 py-2 text-sm font-medium hover:bg-slate-50 disabled:opacity-60"
        >
          {pending ? "Adding…" : "Add"}
        </button>
        <ActionStatus state={state} className="w-full" />
      </form>
    </div>
  );
}
