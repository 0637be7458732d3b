"use client";

import { useActionState } from "react";
import { moveLessonAction } from "@/app/instructor/actions";
import type { ActionResult } from "@/server/http/action";
import { ActionStatus } from "./action-status";
import { inputClass, labelClass, secondaryButton } from "./styles";

/** Moves the lesson to the end of another module; students' progress in it moves along. */
export function MoveLessonForm({
  courseId,
  lessonId,
  currentModuleId,
  modules,
}: {
  courseId: string;
  lessonId: string;
  currentModuleId: string;
  modules: { id: string; title: string }[];
}) {
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(moveLessonAction, null);
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
      <button type="submit" disabled={pending} className={`${secondaryButton} py-2`}>
        Move lesson
      </button>
      <ActionStatus state={state} className="basis-full" />
    </form>
  );
}
