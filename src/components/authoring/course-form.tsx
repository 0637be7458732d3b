"use client";

import { useActionState, useRef, useState } from "react";
import { checkSlugAction, saveCourseAction } from "@/app/instructor/actions";
import { slugify } from "@/lib/slug";
import type { ActionResult } from "@/server/http/action";
import { ActionStatus } from "./action-status";
import { ListField } from "./list-field";
import { inputClass, labelClass, primaryButton } from "./styles";

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
}

const DIFFICULTIES = [
  ["BEGINNER", "Beginner"],
  ["INTERMEDIATE", "Intermediate"],
  ["ADVANCED", "Advanced"],
  ["EXPERT", "Expert"],
] as const;

type SlugState = { checking: true } | { checking: false; available: boolean; reason?: string } | null;

function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: React.ReactNode;
}) {
  return (
    <div>
      <label htmlFor={id} className={labelClass}>
        {label} {hint ? <span className="font-normal text-slate-500">({hint})</span> : null}
      </label>
      {children}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Creates (no id) or edits a course's details. The slug follows the title until it is edited by hand. */
export function CourseForm({
  values,
  currencySymbol,
  slugLocked,
}: {
  values: CourseFormValues;
  currencySymbol: string;
  /** After first publication a changed slug keeps the old address as a redirect: say so. */
  slugLocked: boolean;
}) {
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(saveCourseAction, null);
  const fields = state && !state.ok ? (state.fields ?? {}) : {};
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
      const answer = await checkSlugAction(next, values.id);
      if (n === seq.current) setSlugState({ checking: false, ...answer });
    }, 300);
  }

  const invalid = (name: string) =>
    fields[name] ? { "aria-invalid": true, "aria-describedby": `${name}-error` } : {};

  return (
    <form action={action} className="space-y-5" aria-label={values.id ? "Course details" : "New course"}>
      {values.id ? <input type="hidden" name="courseId" value={values.id} /> : null}
      <Field id="title" label="Title" error={fields.title}>
        <input
          id="title"
          name="title"
          required
          maxLength={200}
          value={title}
          onChange={(e) => {
            setTitle(e.target.value);
            if (!slugEdited) changeSlug(slugify(e.target.value));
          }}
          className={inputClass}
          {...invalid("title")}
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
            <span className="text-emerald-700">✓ /courses/{slug} is available</span>
          ) : (
            <span className="text-red-700">{slugState.reason}</span>
          )}
        </p>
      </div>
      <Field id="description" label="Description" error={fields.description}>
        <textarea
          id="description"
          name="description"
          required
          rows={4}
          maxLength={5000}
          defaultValue={values.description}
          className={inputClass}
          {...invalid("description")}
        />
      </Field>
      <div className="grid gap-5 sm:grid-cols-2">
        <Field id="price" label={`Price (${currencySymbol})`} hint="0 for a free course" error={fields.price}>
          <input
            id="price"
            name="price"
            required
            inputMode="decimal"
            pattern="\d{1,6}(\.\d{1,2})?"
            defaultValue={values.price}
            className={inputClass}
            {...invalid("price")}
          />
        </Field>
        <Field id="difficulty" label="Level" error={fields.difficulty}>
          <select id="difficulty" name="difficulty" defaultValue={values.difficulty} className={inputClass}>
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
        hint="optional; https:// or a path on this platform"
        error={fields.imageUrl}
      >
        <input
          id="imageUrl"
          name="imageUrl"
          maxLength={500}
          defaultValue={values.imageUrl}
          className={inputClass}
          {...invalid("imageUrl")}
        />
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
      <fieldset className="space-y-4 rounded-xl border border-slate-200 p-4">
        <legend className="px-1 text-sm font-medium text-slate-800">Search engines (optional)</legend>
        <Field id="metaTitle" label="SEO title" error={fields.metaTitle}>
          <input
            id="metaTitle"
            name="metaTitle"
            maxLength={120}
            defaultValue={values.metaTitle}
            className={inputClass}
          />
        </Field>
        <Field id="metaDescription" label="SEO description" error={fields.metaDescription}>
          <textarea
            id="metaDescription"
            name="metaDescription"
            rows={2}
            maxLength={300}
            defaultValue={values.metaDescription}
            className={inputClass}
          />
        </Field>
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className={primaryButton}>
          {pending ? "Saving…" : values.id ? "Save details" : "Create course"}
        </button>
        <ActionStatus state={state} />
      </div>
    </form>
  );
}
