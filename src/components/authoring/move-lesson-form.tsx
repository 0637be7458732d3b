"use client";

import { useActionState } from "react";
import { ActionStatus } from "@/components/ui/action-status";
import { Button } from "@/components/ui/button";
import { inputClass, labelClass } from "@/components/ui/field";
import type { ActionResult, FormAction } from "@/lib/action-result";

/** Moves the lesson to the end of another module; students' progress in it moves along. */
export function MoveLessonForm({
  action: move,
  courseId,
  lessonId,
  currentModuleId,
  modules,
}: {
  action: FormAction;
  courseId: string;
  lessonId: string;
  currentModuleId: string;
  modules: { id: string; title: string }[];
}) {
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(move, null);
  const others = modules.filter((m) => m.id !== currentModuleId);
  return (
    <form action={action} className="mt-3 flex flex-wrap items-end gap-2">
      <input type="hidden" name="courseId" value={courseId} />
      <input type="hidden" name="lessonId" value={lessonId} />
      <div className="min-w-48 flex-1">
        <label htmlFor="toModuleId" className={labelClass}>
          Module
        </label>
        <select id="toModuleId" name="toModuleId" className={inputClass}>
          {others.map((m) => (
            <option key={m.id} value={m.id}>
              {m.title}
            </option>
          ))}
        </select>
      </div>
      <Button variant="secondary" size="sm" className="py-2" disabled={pending}>
        Move lesson
      </Button>
      <ActionStatus state={state} className="basis-full" />
    </form>
  );
}
