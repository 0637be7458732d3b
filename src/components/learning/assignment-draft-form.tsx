"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import type { ActionResult } from "@/lib/action-result";
import { useMarkdownPreview } from "@/components/ui/use-markdown-preview";
import type { FileTypeKey } from "@/lib/file-types";
import { AssignmentFiles } from "./assignment-files";
import type { FileItem } from "./file-link";

type SaveState = "idle" | "saving" | "saved" | "failed";

interface ApiError {
  error?: { message?: string; fields?: { path: string; message: string }[] };
}

/**
 * The student's draft: a Markdown answer (with a preview rendered by the platform's sanitizer) and/or links,
 * saved on the server as they write (a reload or another device finds it), then handed in as a version.
 */
export function AssignmentDraftForm({
  lessonId,
  textAllowed,
  linksAllowed,
  files: fileSettings,
  initialText,
  initialLinks,
  initialFiles,
  revision,
  preview,
}: {
  lessonId: string;
  textAllowed: boolean;
  linksAllowed: boolean;
  /** Null when the assignment takes no files. */
  files: { allowedTypes: FileTypeKey[]; maxFileBytes: number; maxFiles: number } | null;
  initialText: string;
  initialLinks: string[];
  initialFiles: FileItem[];
  /** The work came back for revision: the draft is a copy of the last version. */
  revision: boolean;
  preview: (markdown: string) => Promise<ActionResult<{ html: string }>>;
}) {
  const router = useRouter();
  const [text, setText] = useState(initialText);
  const [links, setLinks] = useState(initialLinks);
  const [newLink, setNewLink] = useState("");
  const [saveState, setSaveState] = useState<SaveState>("idle");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [files, setFiles] = useState(initialFiles);
  const [uploading, setUploading] = useState(false);
  const [showPreview, setShowPreview] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef({ text, links });
  const base = `/api/v1/lessons/${encodeURIComponent(lessonId)}/assignment`;

  const html = useMarkdownPreview(text, showPreview, preview, "*Nothing written yet.*");

  async function save(): Promise<boolean> {
    if (timer.current) clearTimeout(timer.current);
    setSaveState("saving");
    try {
      const res = await fetch(`${base}/draft`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          ...(textAllowed ? { text: latest.current.text } : {}),
          ...(linksAllowed ? { links: latest.current.links } : {}),
        }),
      });
      if (res.ok) {
        setSaveState("saved");
        setErrors({});
        return true;
      }
      const body = (await res.json().catch(() => null)) as ApiError | null;
      const fields: Record<string, string> = {};
      for (const f of body?.error?.fields ?? [])
        fields[f.path.replace(/^body\./, "").split(".")[0]!] ??= f.message;
      setErrors(fields);
      setMessage(body?.error?.message ?? "Your draft could not be saved. It is still here; try again.");
      setSaveState("failed");
      if (res.status === 409) router.refresh();
      return false;
    } catch {
      setSaveState("failed");
      setMessage("You seem to be offline. Your draft is kept here; it is saved when you are back.");
      return false;
    }
  }

  const schedule = () => {
    setMessage(null);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), 1000);
  };
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const addLink = () => {
    const value = newLink.trim();
    if (!value) return;
    if (!/^https?:\/\/\S+$/i.test(value)) {
      setErrors({ links: "Links must start with http:// or https://" });
      return;
    }
    const next = [...links.filter((l) => l !== value), value];
    setLinks(next);
    latest.current = { ...latest.current, links: next };
    setNewLink("");
    setErrors({});
    schedule();
  };

  async function handIn() {
    setBusy(true);
    setMessage(null);
    if (await save()) {
      try {
        const res = await fetch(`${base}/submission`, { method: "POST" });
        if (res.ok) {
          router.refresh();
          setBusy(false);
          return;
        }
        const body = (await res.json().catch(() => null)) as ApiError | null;
        setMessage(body?.error?.message ?? "Your work could not be handed in. It is saved; try again.");
      } catch {
        setMessage("You seem to be offline. Your work is saved; hand it in when you are back.");
      }
    }
    setBusy(false);
  }

  return (
    <form
      className="mt-4 space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        void handIn();
      }}
    >
      {revision ? (
        <p className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900">
          Your draft starts as a copy of the version you handed in. Change what the feedback asks for, then
          hand it in again.
        </p>
      ) : null}
      {textAllowed ? (
        <div>
          <div className="flex items-center justify-between gap-2">
            <label htmlFor="assignment-text" className="text-sm font-medium text-slate-800">
              Your answer (Markdown)
            </label>
            <button
              type="button"
              className="text-sm font-medium text-brand-700 underline"
              aria-expanded={showPreview}
              onClick={() => setShowPreview((v) => !v)}
            >
              {showPreview ? "Hide preview" : "Preview"}
            </button>
          </div>
          <textarea
            id="assignment-text"
            rows={10}
            maxLength={50_000}
            className="mt-1 w-full rounded-lg border border-slate-300 px-3 py-2 font-mono text-sm"
            value={text}
            aria-invalid={Boolean(errors.text) || undefined}
            aria-describedby={errors.text ? "assignment-text-error" : undefined}
            onChange={(e) => {
              setText(e.target.value);
              latest.current = { ...latest.current, text: e.target.value };
              schedule();
            }}
          />
          {errors.text ? (
            <p id="assignment-text-error" className="mt-1 text-sm text-red-700">
              {errors.text}
            </p>
          ) : null}
          {showPreview ? (
            <div
              className="mt-2 rounded-xl border border-dashed border-slate-300 bg-slate-50 p-4"
              aria-live="polite"
            >
              {html === null ? (
                <p className="text-sm text-slate-500">Rendering…</p>
              ) : (
                <div className="lesson-content" dangerouslySetInnerHTML={{ __html: html }} />
              )}
            </div>
          ) : null}
        </div>
      ) : null}
      {linksAllowed ? (
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">Links to your work</legend>
          {links.length > 0 ? (
            <ul className="mt-1 space-y-1">
              {links.map((l) => (
                <li key={l} className="flex items-center gap-2 text-sm">
                  <span className="min-w-0 flex-1 truncate" title={l}>
                    {l}
                  </span>
                  <button
                    type="button"
                    className={buttonClass({ variant: "danger-link" })}
                    onClick={() => {
                      const next = links.filter((x) => x !== l);
                      setLinks(next);
                      latest.current = { ...latest.current, links: next };
                      schedule();
                    }}
                  >
                    Remove<span className="sr-only"> {l}</span>
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
          <div className="mt-2 flex gap-2">
            <input
              type="url"
              aria-label="A link (https://…)"
              placeholder="https://"
              className="w-full rounded-lg border border-slate-300 px-3 py-2 text-sm"
              value={newLink}
              aria-invalid={Boolean(errors.links) || undefined}
              onChange={(e) => setNewLink(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter") {
                  e.preventDefault();
                  addLink();
                }
              }}
            />
            <button type="button" className={buttonClass({ variant: "secondary" })} onClick={addLink}>
              Add link
            </button>
          </div>
          {errors.links ? <p className="mt-1 text-sm text-red-700">{errors.links}</p> : null}
        </fieldset>
      ) : null}
      {fileSettings ? (
        <AssignmentFiles
          lessonId={lessonId}
          files={files}
          onChange={setFiles}
          onBusyChange={setUploading}
          {...fileSettings}
        />
      ) : null}
      {message ? (
        <p role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-900">
          {message}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={buttonClass()} disabled={busy || uploading}>
          {busy ? "Handing in…" : uploading ? "Uploading…" : "Hand in"}
        </button>
        <button
          type="button"
          className={buttonClass({ variant: "secondary" })}
          onClick={() => void save()}
          disabled={busy}
        >
          Save draft
        </button>
        <span className="text-sm text-slate-600" role="status" aria-live="polite">
          {saveState === "saving" ? "Saving…" : saveState === "saved" ? "Draft saved" : ""}
        </span>
      </div>
    </form>
  );
}
