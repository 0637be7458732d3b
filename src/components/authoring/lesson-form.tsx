"use client";

import { useRef, useState } from "react";
import { ActionStatus } from "@/components/ui/action-status";
import { UnsavedNote, useFormWithUnsavedChanges } from "@/components/ui/use-unsaved-changes";
import { Button } from "@/components/ui/button";
import { inputClass, labelClass } from "@/components/ui/field";
import { fieldErrors, keptValue, type ActionResult, type FormAction } from "@/lib/action-result";

const TYPES = [
  ["TEXT", "Reading"],
  ["VIDEO", "Video"],
  ["INTERACTIVE", "Interactive"],
  ["ASSIGNMENT", "Assignment"],
  ["QUIZ", "Quiz"],
] as const;

export interface LessonFormValues {
  courseId: string;
  lessonId: string;
  title: string;
  lessonType: string;
  duration: number;
  content: string;
  videoUrl: string;
  resourceUrl: string;
}

/**
 * The lesson editor. The preview beside the Markdown is rendered on the server by the player's own
 * renderMarkdown (debounced), so what the author sees is what students get.
 */
export function LessonForm({
  values,
  initialHtml,
  actions,
}: {
  values: LessonFormValues;
  initialHtml: string;
  actions: { save: FormAction; preview: (markdown: string) => Promise<ActionResult<{ html: string }>> };
}) {
  const { state, action, pending, dirty, markDirty } = useFormWithUnsavedChanges(actions.save);
  const fields = fieldErrors(state);
  const kept = (name: keyof LessonFormValues) => keptValue(state, name, String(values[name]));
  const [content, setContent] = useState(values.content);
  const [html, setHtml] = useState(initialHtml);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [rendering, setRendering] = useState(false);
  const seq = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  /** Renders the preview on the server 350 ms after the last keystroke; the newest answer wins. */
  function changeContent(next: string) {
    setContent(next);
    if (timer.current) clearTimeout(timer.current);
    const n = ++seq.current;
    setRendering(true);
    timer.current = setTimeout(async () => {
      const answer = await actions.preview(next);
      if (n !== seq.current) return;
      setRendering(false);
      if (answer.ok) {
        setHtml(answer.data?.html ?? "");
        setPreviewError(null);
      } else setPreviewError(answer.error);
    }, 350);
  }

  const err = (name: string) =>
    fields[name] ? (
      <p id={`${name}-error`} className="mt-1 text-sm text-red-700">
        {fields[name]}
      </p>
    ) : null;
  const invalid = (name: string) =>
    fields[name] ? { "aria-invalid": true, "aria-describedby": `${name}-error` } : {};

  return (
    <form action={action} onChange={markDirty} className="space-y-5" aria-label="Lesson">
      <input type="hidden" name="courseId" value={values.courseId} />
      <input type="hidden" name="lessonId" value={values.lessonId} />
      <div>
        <label htmlFor="title" className={labelClass}>
          Title
        </label>
        <input
          id="title"
          name="title"
          required
          maxLength={200}
          defaultValue={kept("title")}
          className={inputClass}
          {...invalid("title")}
        />
        {err("title")}
      </div>
      <div className="grid gap-5 sm:grid-cols-2">
        <div>
          <label htmlFor="lessonType" className={labelClass}>
            Type
          </label>
          <select id="lessonType" name="lessonType" defaultValue={kept("lessonType")} className={inputClass}>
            {TYPES.map(([v, label]) => (
              <option key={v} value={v}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="duration" className={labelClass}>
            Duration <span className="font-normal text-slate-500">(minutes)</span>
          </label>
          <input
            id="duration"
            name="duration"
            type="number"
            min={0}
            max={1440}
            step={1}
            required
            defaultValue={kept("duration")}
            className={inputClass}
            {...invalid("duration")}
          />
          {err("duration")}
        </div>
      </div>
      <div className="grid gap-5 lg:grid-cols-2">
        <div>
          <label htmlFor="content" className={labelClass}>
            Content <span className="font-normal text-slate-500">(Markdown)</span>
          </label>
          <textarea
            id="content"
            name="content"
            rows={18}
            value={content}
            onChange={(e) => changeContent(e.target.value)}
            className={`${inputClass} font-mono text-sm`}
            {...invalid("content")}
          />
          {err("content")}
        </div>
        <section aria-labelledby="preview-heading" aria-busy={rendering}>
          <h2 id="preview-heading" className="text-sm font-medium text-slate-800">
            Preview <span className="font-normal text-slate-500">(as students see it)</span>
          </h2>
          {previewError ? (
            <p role="alert" className="mt-1 text-sm text-red-700">
              {previewError}
            </p>
          ) : null}
          <div
            data-testid="lesson-preview"
            className="lesson-content mt-1 max-h-[32rem] min-h-40 overflow-auto rounded-lg border border-slate-200 bg-white p-4"
            // Rendered on the server by renderMarkdown, which sanitizes (src/lib/markdown.ts).
            dangerouslySetInnerHTML={{ __html: html || "<p><em>Nothing to preview yet.</em></p>" }}
          />
        </section>
      </div>
      <div className="grid gap-5 sm:grid-cols-2">
        <div>
          <label htmlFor="videoUrl" className={labelClass}>
            Video URL{" "}
            <span className="font-normal text-slate-500">(optional; http(s) or a platform path)</span>
          </label>
          <input
            id="videoUrl"
            name="videoUrl"
            maxLength={500}
            defaultValue={kept("videoUrl")}
            className={inputClass}
            {...invalid("videoUrl")}
          />
          {err("videoUrl")}
        </div>
        <div>
          <label htmlFor="resourceUrl" className={labelClass}>
            Resource URL <span className="font-normal text-slate-500">(optional; http or https)</span>
          </label>
          <input
            id="resourceUrl"
            name="resourceUrl"
            maxLength={500}
            defaultValue={kept("resourceUrl")}
            className={inputClass}
            {...invalid("resourceUrl")}
          />
          {err("resourceUrl")}
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button disabled={pending}>{pending ? "Saving…" : "Save lesson"}</Button>
        <ActionStatus state={state} />
        <UnsavedNote dirty={dirty} />
      </div>
    </form>
  );
}
