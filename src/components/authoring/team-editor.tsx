"use client";

import { useActionState } from "react";
import { ActionStatus } from "@/components/ui/action-status";
import { Button } from "@/components/ui/button";
import { keptValue, type ActionResult, type FormAction } from "@/lib/action-result";

interface Member {
  userId: string;
  name: string | null;
  email: string;
  role: "OWNER" | "INSTRUCTOR";
  canRemove: boolean;
  isViewer: boolean;
}

function RemoveButton({
  remove,
  courseId,
  member,
}: {
  remove: FormAction;
  courseId: string;
  member: Member;
}) {
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(remove, null);
  if (!member.canRemove) return null;
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="courseId" value={courseId} />
      <input type="hidden" name="userId" value={member.userId} />
      <Button
        variant="danger-link"
        size="sm"
        disabled={pending}
        aria-label={
          member.isViewer ? "Leave the course" : `Remove ${member.name ?? member.email} from the course`
        }
      >
        {member.isViewer ? "Leave" : "Remove"}
      </Button>
      <ActionStatus state={state} />
    </form>
  );
}

function MakeOwnerButton({
  transfer,
  courseId,
  member,
}: {
  transfer: FormAction;
  courseId: string;
  member: Member;
}) {
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(transfer, null);
  return (
    <form
      action={action}
      className="flex items-center gap-2"
      onSubmit={(e) => {
        const who = member.name ?? member.email;
        if (
          !window.confirm(`Make ${who} the owner of this course? You stay on the team as a co-instructor.`)
        ) {
          e.preventDefault();
        }
      }}
    >
      <input type="hidden" name="courseId" value={courseId} />
      <input type="hidden" name="userId" value={member.userId} />
      <Button
        variant="link"
        size="sm"
        disabled={pending}
        aria-label={`Make ${member.name ?? member.email} the owner`}
      >
        Make owner
      </Button>
      <ActionStatus state={state} />
    </form>
  );
}

/**
 * The course's instructors. The owner and admins add and remove co-instructors; a co-instructor may leave.
 * The owner is never removed here (ownership is transferred first). The server enforces all of it.
 */
export function TeamEditor({
  courseId,
  team,
  canManage,
  actions,
}: {
  courseId: string;
  team: Member[];
  canManage: boolean;
  actions: { add: FormAction; remove: FormAction; transfer: FormAction };
}) {
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(actions.add, null);
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
            <span className="flex flex-wrap items-center gap-3">
              {canManage && m.role !== "OWNER" ? (
                <MakeOwnerButton transfer={actions.transfer} courseId={courseId} member={m} />
              ) : null}
              <RemoveButton remove={actions.remove} courseId={courseId} member={m} />
            </span>
          </li>
        ))}
      </ul>
      {canManage ? (
        <form action={action} className="mt-4 flex flex-wrap items-end gap-2">
          <input type="hidden" name="courseId" value={courseId} />
          <label className="text-sm">
            Add an instructor by e-mail
            <input
              name="email"
              type="email"
              defaultValue={keptValue(state, "email", "")}
              required
              className="mt-1 block w-72 max-w-full rounded-lg border border-slate-300 px-3 py-2"
            />
          </label>
          <Button variant="secondary" size="sm" className="py-2" disabled={pending}>
            {pending ? "Adding…" : "Add"}
          </Button>
          <ActionStatus state={state} className="w-full" />
        </form>
      ) : (
        <p className="mt-4 text-sm text-slate-600">
          Only the course&apos;s owner or an administrator can change its team.
        </p>
      )}
    </div>
  );
}
