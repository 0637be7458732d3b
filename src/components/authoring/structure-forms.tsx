"use client";

import { useActionState, useId } from "react";
import { ActionStatus } from "@/components/ui/action-status";
import { Button } from "@/components/ui/button";
import { inputClass, labelClass } from "@/components/ui/field";
import { keptValue, type ActionResult, type FormAction } from "@/lib/action-result";

/** Adds a module (no moduleId) or edits one. */
export function ModuleForm({
  action: save,
  courseId,
  module,
}: {
  action: FormAction;
  courseId: string;
  module?: { id: string; title: string; description: string; published: boolean };
}) {
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(save, null);
  const id = useId();
  return (
    <form
      action={action}
      className="space-y-3"
      aria-label={module ? `Edit module ${module.title}` : "Add a module"}
    >
      <input type="hidden" name="courseId" value={courseId} />
      {module ? <input type="hidden" name="moduleId" value={module.id} /> : null}
      <div>
        <label htmlFor={`${id}-title`} className={labelClass}>
          {module ? "Module title" : "New module title"}
        </label>
        <input
          id={`${id}-title`}
          name="title"
          required
          maxLength={200}
          defaultValue={keptValue(state, "title", module?.title ?? "")}
          className={inputClass}
        />
      </div>
      <div>
        <label htmlFor={`${id}-description`} className={labelClass}>
          Description <span className="font-normal text-slate-500">(optional)</span>
        </label>
        <textarea
          id={`${id}-description`}
          name="description"
          rows={2}
          maxLength={2000}
          defaultValue={keptValue(state, "description", module?.description ?? "")}
          className={inputClass}
        />
      </div>
      <label className="flex items-center gap-2 text-sm text-slate-800">
        <input
          type="checkbox"
          name="published"
          defaultChecked={module?.published ?? true}
          className="h-4 w-4"
        />
        Published{" "}
        <span className="text-slate-500">(a draft module is hidden from students and not counted)</span>
      </label>
      <div className="flex flex-wrap items-center gap-3">
        <Button variant={module ? "secondary" : "primary"} size={module ? "sm" : "md"} disabled={pending}>
          {module ? "Save module" : "Add module"}
        </Button>
        <ActionStatus state={state} />
      </div>
    </form>
  );
}

/** Adds an empty lesson at the end of a module and opens it in the lesson editor. */
export function NewLessonForm({
  action: create,
  courseId,
  moduleId,
  moduleTitle,
}: {
  action: FormAction;
  courseId: string;
  moduleId: string;
  moduleTitle: string;
}) {
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(create, null);
  const id = useId();
  return (
    <form
      action={action}
      className="flex flex-wrap items-end gap-2"
      aria-label={`Add a lesson to ${moduleTitle}`}
    >
      <input type="hidden" name="courseId" value={courseId} />
      <input type="hidden" name="moduleId" value={moduleId} />
      <div className="min-w-48 flex-1">
        <label htmlFor={`${id}-title`} className={labelClass}>
          New lesson title
        </label>
        <input id={`${id}-title`} name="title" required maxLength={200} className={inputClass} />
      </div>
      <Button variant="secondary" size="sm" className="py-2" disabled={pending}>
        {pending ? "Adding…" : "Add lesson"}
      </Button>
      <ActionStatus state={state} className="basis-full" />
    </form>
  );
}
