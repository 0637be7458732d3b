"use client";

import { useActionState, useEffect, useId, useRef, useState, type ReactNode } from "react";
import { ActionStatus } from "@/components/ui/action-status";
import { Button } from "@/components/ui/button";
import { inputClass, labelClass } from "@/components/ui/field";
import { fieldErrors, keptValue, type ActionResult, type FormAction } from "@/lib/action-result";

/** Adds a module (no moduleId) or edits one. */
export function ModuleForm({
  action: save,
  courseId,
  module,
}: {
  action: FormAction;
  courseId: string;
  module?: {
    id: string;
    title: string;
    description: string;
    published: boolean;
    releaseKind?: "immediate" | "after_days" | "on_date";
    releaseDays?: number | null;
    releaseDate?: Date | string | null;
  };
}) {
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(save, null);
  const id = useId();
  const errors = fieldErrors(state);
  // The radios are uncontrolled (React resets a form after its action, back to the defaults: the kept or
  // saved choice); `kind` only enables the matching field.
  const keptKind = keptValue(state, "releaseKind", module?.releaseKind ?? "immediate");
  const [kind, setKind] = useState(keptKind);
  const savedDate = module?.releaseDate ? new Date(module.releaseDate).toISOString().slice(0, 16) : "";
  // A module added: the cursor goes to it (the last of the list), where the next step — its lessons — is.
  const handled = useRef(state);
  useEffect(() => {
    if (module || state === handled.current) return;
    handled.current = state;
    if (!state?.ok) return;
    const headings = document.querySelectorAll<HTMLElement>("[data-module-list] > li h3[id^='module-']");
    headings[headings.length - 1]?.focus();
  }, [state, module]);
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
      <fieldset className="rounded-lg border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium text-slate-800">Opens to students</legend>
        <div className="space-y-2 text-sm">
          <ReleaseOption value="immediate" label="When they enroll" kept={keptKind} onChoose={setKind} />
          <ReleaseOption
            value="after_days"
            label="A number of days after they enroll:"
            kept={keptKind}
            onChoose={setKind}
          >
            <input
              aria-label="Days after enrolling"
              name="releaseDays"
              type="number"
              min={1}
              max={3650}
              disabled={kind !== "after_days"}
              defaultValue={keptValue(state, "releaseDays", module?.releaseDays?.toString() ?? "7")}
              aria-invalid={errors["release.days"] ? true : undefined}
              aria-describedby={errors["release.days"] ? `${id}-release-error` : undefined}
              className={`${inputClass} mt-0 w-24`}
            />
          </ReleaseOption>
          <ReleaseOption value="on_date" label="On a date (UTC):" kept={keptKind} onChoose={setKind}>
            <input
              aria-label="Opening date and time (UTC)"
              name="releaseDate"
              type="datetime-local"
              disabled={kind !== "on_date"}
              defaultValue={keptValue(state, "releaseDate", savedDate)}
              aria-invalid={errors["release.date"] ? true : undefined}
              aria-describedby={errors["release.date"] ? `${id}-release-error` : undefined}
              className={`${inputClass} mt-0 w-auto`}
            />
          </ReleaseOption>
          {errors["release.days"] || errors["release.date"] ? (
            <p id={`${id}-release-error`} className="text-red-700">
              {errors["release.days"] ?? errors["release.date"]}
            </p>
          ) : (
            <p className="text-slate-500">
              Locked modules show in the syllabus with when they open; students are e-mailed when they do.
            </p>
          )}
        </div>
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <Button variant={module ? "secondary" : "primary"} size={module ? "sm" : "md"} disabled={pending}>
          {module ? "Save module" : "Add module"}
        </Button>
        <ActionStatus state={state} focus={Boolean(module) || !state?.ok} />
      </div>
    </form>
  );
}

/** One choice of when a module opens: its radio (uncontrolled, see ModuleForm) and the field it needs. */
function ReleaseOption({
  value,
  label,
  kept,
  onChoose,
  children,
}: {
  value: string;
  label: string;
  kept: string;
  onChoose: (value: string) => void;
  children?: ReactNode;
}) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <label className="flex items-center gap-2">
        <input
          type="radio"
          name="releaseKind"
          value={value}
          defaultChecked={kept === value}
          onChange={() => onChoose(value)}
        />
        {label}
      </label>
      {children}
    </div>
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
