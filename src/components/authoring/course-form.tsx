"use client";

import { useRef, useState } from "react";
import { ActionStatus } from "@/components/ui/action-status";
import { UnsavedNote, useFormWithUnsavedChanges } from "@/components/ui/use-unsaved-changes";
import { Button } from "@/components/ui/button";
import { Field, inputClass, labelClass } from "@/components/ui/field";
import { fieldErrors, keptValue, type ActionResult, type FormAction } from "@/lib/action-result";
import { moneyInputExample } from "@/lib/money";
import { slugify } from "@/lib/slug";
import { ListField } from "./list-field";
import { CheckIcon } from "@/components/ui/lesson-type-icon";

export interface CourseFormActions {
  save: FormAction;
  checkSlug: (
    slug: string,
    courseId?: string,
  ) => Promise<ActionResult<{ available: boolean; reason?: string }>>;
}

export interface CourseFormValues {
  id?: string;
  title: string;
  slug: string;
  description: string;
  /** Currency units as typed ("49.00"). */
  price: string;
  difficulty: string;
  imageUrl: string;
  metaTitle: string;
  metaDescription: string;
  learningObjectives: string[];
  prerequisites: string[];
  /** Courses students must complete first (ids). */
  prerequisiteCourseIds?: string[];
}

const DIFFICULTIES = [
  ["BEGINNER", "Beginner"],
  ["INTERMEDIATE", "Intermediate"],
  ["ADVANCED", "Advanced"],
  ["EXPERT", "Expert"],
] as const;

type SlugState = { checking: true } | { checking: false; available: boolean; reason?: string } | null;

/** Creates (no id) or edits a course's details. The slug follows the title until it is edited by hand. */
export function CourseForm({
  values,
  currency,
  currencySymbol,
  slugLocked,
  actions,
  prerequisiteChoices = [],
}: {
  values: CourseFormValues;
  currency: string;
  currencySymbol: string;
  actions: CourseFormActions;
  /** After first publication a changed slug keeps the old address as a redirect: say so. */
  slugLocked: boolean;
  /** Published courses this one may require (none: the choice is not shown). */
  prerequisiteChoices?: { id: string; title: string }[];
}) {
  const { state, action, pending, dirty, markDirty } = useFormWithUnsavedChanges(actions.save);
  const fields = fieldErrors(state);
  const kept = (name: keyof CourseFormValues & string) => keptValue(state, name, String(values[name] ?? ""));
  const [title, setTitle] = useState(values.title);
  const [slug, setSlug] = useState(values.slug);
  const [slugEdited, setSlugEdited] = useState(Boolean(values.id));
  const [slugState, setSlugState] = useState<SlugState>(null);
  const seq = useRef(0);

  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  /** Asks the server, 300 ms after the last keystroke, whether the address is free; the newest answer wins. */
  function changeSlug(next: string) {
    setSlug(next);
    if (timer.current) clearTimeout(timer.current);
    const n = ++seq.current;
    if (!next || next === values.slug) {
      setSlugState(null);
      return;
    }
    setSlugState({ checking: true });
    timer.current = setTimeout(async () => {
      const answer = await actions.checkSlug(next, values.id);
      if (n !== seq.current) return;
      setSlugState(
        answer.ok && answer.data
          ? { checking: false, ...answer.data }
          : { checking: false, available: false, reason: answer.ok ? undefined : answer.error },
      );
    }, 300);
  }

  return (
    <form
      action={action}
      onChange={markDirty}
      className="space-y-5"
      aria-label={values.id ? "Course details" : "New course"}
    >
      {values.id ? <input type="hidden" name="courseId" value={values.id} /> : null}
      <Field id="title" label="Title" error={fields.title}>
        <input
          className={inputClass}
          name="title"
          required
          maxLength={200}
          value={title}
          onChange={(e) => {
            setTitle(e.target.value);
            if (!slugEdited) changeSlug(slugify(e.target.value));
          }}
        />
      </Field>
      <div>
        <label htmlFor="slug" className={labelClass}>
          Address{" "}
          <span className="font-normal text-slate-500">(/courses/…, lower-case words and hyphens)</span>
        </label>
        <input
          id="slug"
          name="slug"
          required
          maxLength={200}
          value={slug}
          onChange={(e) => {
            changeSlug(e.target.value);
            setSlugEdited(true);
          }}
          className={`${inputClass} font-mono`}
          aria-describedby="slug-status"
          aria-invalid={
            fields.slug || (slugState && !slugState.checking && !slugState.available) ? true : undefined
          }
        />
        <p id="slug-status" aria-live="polite" className="mt-1 text-sm">
          {fields.slug ? (
            <span className="text-red-700">{fields.slug}</span>
          ) : slugState === null ? (
            slugLocked ? (
              <span className="text-slate-500">
                The course has been published: if you change its address, the old one redirects here.
              </span>
            ) : null
          ) : slugState.checking ? (
            <span className="text-slate-500">Checking…</span>
          ) : slugState.available ? (
            <span className="inline-flex items-center gap-1 text-emerald-700">
              <CheckIcon className="h-3.5 w-3.5" /> /courses/{slug} is available
            </span>
          ) : (
            <span className="text-red-700">{slugState.reason}</span>
          )}
        </p>
      </div>
      <Field id="description" label="Description" error={fields.description}>
        <textarea
          name="description"
          required
          rows={4}
          maxLength={5000}
          defaultValue={kept("description")}
          className={inputClass}
        />
      </Field>
      <div className="grid gap-5 sm:grid-cols-2">
        <Field
          id="price"
          label={`Price (${currencySymbol})`}
          inlineHint={`like ${moneyInputExample(currency)}; 0 for a free course`}
          error={fields.price}
        >
          <input
            name="price"
            required
            inputMode="decimal"
            defaultValue={kept("price")}
            className={inputClass}
          />
        </Field>
        <Field id="difficulty" label="Level" error={fields.difficulty}>
          <select name="difficulty" defaultValue={kept("difficulty")} className={inputClass}>
            {DIFFICULTIES.map(([v, label]) => (
              <option key={v} value={v}>
                {label}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field
        id="imageUrl"
        label="Image URL"
        inlineHint="optional; https:// or a path on this platform"
        error={fields.imageUrl}
      >
        <input name="imageUrl" maxLength={500} defaultValue={kept("imageUrl")} className={inputClass} />
      </Field>
      <ListField
        name="learningObjectives"
        legend="What students will learn"
        itemLabel="Objective"
        initial={values.learningObjectives}
      />
      <ListField
        name="prerequisites"
        legend="Prerequisites"
        itemLabel="Prerequisite"
        initial={values.prerequisites}
      />
      {prerequisiteChoices.length > 0 ? (
        <RequiredCoursesField
          choices={prerequisiteChoices}
          initial={
            state && !state.ok
              ? (state.values?.__required?.split(",") ?? [])
              : (values.prerequisiteCourseIds ?? [])
          }
          error={fields.prerequisiteCourseIds}
        />
      ) : null}
      <fieldset className="space-y-4 rounded-xl border border-slate-200 p-4">
        <legend className="px-1 text-sm font-medium text-slate-800">Search engines (optional)</legend>
        <Field id="metaTitle" label="SEO title" error={fields.metaTitle}>
          <input name="metaTitle" maxLength={120} defaultValue={kept("metaTitle")} className={inputClass} />
        </Field>
        <Field id="metaDescription" label="SEO description" error={fields.metaDescription}>
          <textarea
            name="metaDescription"
            rows={2}
            maxLength={300}
            defaultValue={kept("metaDescription")}
            className={inputClass}
          />
        </Field>
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <Button disabled={pending}>
          {pending ? "Saving…" : values.id ? "Save details" : "Create course"}
        </Button>
        <ActionStatus state={state} />
        <UnsavedNote dirty={dirty} />
      </div>
    </form>
  );
}

/**
 * The courses a student must complete before enrolling: checkboxes of the other published courses. The
 * server refuses a circle of prerequisites and names it.
 */
function RequiredCoursesField({
  choices,
  initial,
  error,
}: {
  choices: { id: string; title: string }[];
  initial: string[];
  error?: string;
}) {
  return (
    <fieldset
      className="rounded-xl border border-slate-200 p-4"
      aria-describedby={error ? "required-courses-error" : "required-courses-hint"}
    >
      <legend className="px-1 text-sm font-medium text-slate-800">Required courses (optional)</legend>
      <p id="required-courses-hint" className="text-sm text-slate-500">
        Students must complete these before they can enroll or buy. Students already enrolled keep access.
      </p>
      <input type="hidden" name="prerequisiteCoursesShown" value="1" />
      <ul className="mt-2 grid gap-1 sm:grid-cols-2">
        {choices.map((c) => (
          <li key={c.id}>
            <label className="flex items-start gap-2 text-sm">
              <input
                type="checkbox"
                name="prerequisiteCourseIds"
                value={c.id}
                defaultChecked={initial.includes(c.id)}
                className="mt-1"
              />
              <span>{c.title}</span>
            </label>
          </li>
        ))}
      </ul>
      {error ? (
        <p id="required-courses-error" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
