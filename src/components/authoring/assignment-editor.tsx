"use client";

import { useEffect, useRef, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { FILE_TYPE_KEYS, FILE_TYPES, type FileTypeKey } from "@/lib/file-types";
import { useUnsavedChanges } from "@/components/ui/use-unsaved-changes";

interface Level {
  key: string;
  id?: string;
  title: string;
  points: string;
}
interface Criterion {
  key: string;
  id?: string;
  title: string;
  description: string;
  levels: Level[];
}
export interface AuthorAssignmentData {
  version: number;
  textAllowed: boolean;
  linksAllowed: boolean;
  filesAllowed: boolean;
  allowedTypes: FileTypeKey[];
  maxFileMb: number;
  maxFiles: number;
  dueAt: string | null;
  rubric:
    | {
        id: string;
        title: string;
        description: string | null;
        levels: { id: string; title: string; points: number }[];
      }[]
    | null;
  submissionCount: number;
}

let n = 0;
const key = () => `r${(n++).toString(36)}`;
const small =
  "rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-40";
const input = "mt-1 w-full rounded-lg border border-slate-300 px-3 py-2 text-sm";

/** A datetime-local value (the author's clock) for an ISO instant, and back. */
const toLocal = (iso: string | null) => {
  if (!iso) return "";
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

const toDraft = (rubric: AuthorAssignmentData["rubric"]): Criterion[] =>
  (rubric ?? []).map((c) => ({
    key: c.id,
    id: c.id,
    title: c.title,
    description: c.description ?? "",
    levels: c.levels.map((l) => ({ key: l.id, id: l.id, title: l.title, points: String(l.points) })),
  }));

const blankCriterion = (): Criterion => ({
  key: key(),
  title: "",
  description: "",
  levels: [
    { key: key(), title: "Not yet", points: "0" },
    { key: key(), title: "Meets the brief", points: "2" },
  ],
});

/**
 * An ASSIGNMENT lesson's settings (what students hand in, due date) and rubric. Until it is saved once, the
 * lesson is an ordinary lesson students mark complete; after, it completes when a reviewer passes the work.
 */
export function AssignmentEditor({ lessonId, initial }: { lessonId: string; initial: AuthorAssignmentData }) {
  const [version, setVersion] = useState(initial.version);
  const [textAllowed, setTextAllowed] = useState(initial.textAllowed);
  const [linksAllowed, setLinksAllowed] = useState(initial.linksAllowed);
  const [filesAllowed, setFilesAllowed] = useState(initial.filesAllowed);
  const [allowedTypes, setAllowedTypes] = useState<FileTypeKey[]>(initial.allowedTypes);
  const [maxFileMb, setMaxFileMb] = useState(String(initial.maxFileMb));
  const [maxFiles, setMaxFiles] = useState(String(initial.maxFiles));
  const [due, setDue] = useState(toLocal(initial.dueAt));
  const [criteria, setCriteria] = useState<Criterion[]>(() => toDraft(initial.rubric));
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const outcomeRef = useRef<HTMLParagraphElement>(null);

  useUnsavedChanges(dirty);
  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);
  useEffect(() => {
    if (focusKey) document.getElementById(`criterion-${focusKey}`)?.focus();
  }, [focusKey]);

  const touch = () => {
    setDirty(true);
    setOutcome(null);
  };
  const setCriterion = (k: string, patch: Partial<Criterion>) => {
    setCriteria((cs) => cs.map((c) => (c.key === k ? { ...c, ...patch } : c)));
    touch();
  };

  async function save() {
    setBusy(true);
    setOutcome(null);
    try {
      const res = await fetch(`/api/v1/instructor/lessons/${encodeURIComponent(lessonId)}/assignment`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          version,
          textAllowed,
          linksAllowed,
          filesAllowed,
          allowedTypes,
          maxFileMb: Number(maxFileMb),
          maxFiles: Number(maxFiles),
          dueAt: due ? new Date(due).toISOString() : null,
          rubric: criteria.map((c) => ({
            ...(c.id ? { id: c.id } : {}),
            title: c.title,
            description: c.description || null,
            levels: c.levels.map((l) => ({
              ...(l.id ? { id: l.id } : {}),
              title: l.title,
              points: Number(l.points || 0),
            })),
          })),
        }),
      });
      const body = (await res.json().catch(() => null)) as
        | (AuthorAssignmentData & {
            error?: { message: string; fields?: { path: string; message: string }[] };
          })
        | null;
      if (res.ok && body) {
        setVersion(body.version);
        setCriteria(toDraft(body.rubric));
        setErrors({});
        setDirty(false);
        setOutcome({ ok: true, text: "Assignment saved." });
      } else {
        const fields: Record<string, string> = {};
        for (const f of body?.error?.fields ?? []) fields[f.path.replace(/^body\./, "")] ??= f.message;
        setErrors(fields);
        setOutcome({
          ok: false,
          text: body?.error?.message ?? "The assignment could not be saved. Your changes are still here.",
        });
      }
    } catch {
      setOutcome({ ok: false, text: "You seem to be offline. Your changes are still here." });
    }
    setBusy(false);
  }

  const err = (path: string) =>
    errors[path] ? <span className="mt-1 block text-sm text-red-700">{errors[path]}</span> : null;
  return (
    <section
      aria-labelledby="assignment-editor-heading"
      className="space-y-5 rounded-2xl border border-slate-200 bg-white p-5 sm:p-6"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="assignment-editor-heading" className="text-xl font-semibold">
          Assignment
        </h2>
        <p className="text-sm text-slate-600" role="status">
          {dirty
            ? "Unsaved changes"
            : version === 0
              ? "Not set up yet: students can mark this lesson complete"
              : "All changes saved"}
          {initial.submissionCount > 0
            ? ` · ${initial.submissionCount} student${initial.submissionCount === 1 ? "" : "s"} working on it`
            : ""}
        </p>
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Students hand in</legend>
        <div className="mt-1 flex flex-wrap gap-x-6 gap-y-2 text-sm">
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={textAllowed}
              onChange={(e) => (setTextAllowed(e.target.checked), touch())}
            />
            A written answer (Markdown)
          </label>
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={linksAllowed}
              onChange={(e) => (setLinksAllowed(e.target.checked), touch())}
            />
            Links (a repository, a notebook, a document)
          </label>
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={filesAllowed}
              onChange={(e) => (setFilesAllowed(e.target.checked), touch())}
            />
            Files
          </label>
        </div>
        {err("textAllowed")}
      </fieldset>
      {filesAllowed ? (
        <fieldset className="rounded-xl border border-slate-200 p-3">
          <legend className="px-1 text-sm font-medium text-slate-800">Files students may upload</legend>
          <div className="flex flex-wrap gap-x-5 gap-y-2 text-sm">
            {FILE_TYPE_KEYS.map((t) => (
              <label key={t} className="flex items-center gap-2">
                <input
                  type="checkbox"
                  checked={allowedTypes.includes(t)}
                  onChange={(e) => {
                    setAllowedTypes((list) =>
                      FILE_TYPE_KEYS.filter((k) => (k === t ? e.target.checked : list.includes(k))),
                    );
                    touch();
                  }}
                />
                {FILE_TYPES[t].label} <span className="text-slate-500">.{t}</span>
              </label>
            ))}
          </div>
          {err("allowedTypes")}
          <p className="mt-2 text-xs text-slate-600">
            SVG and HTML are never accepted: they can run scripts when opened.
          </p>
          <div className="mt-3 flex flex-wrap gap-4">
            <label className="block w-40 text-sm font-medium text-slate-800">
              Largest file (MB)
              <input
                type="number"
                min={1}
                max={50}
                step="any"
                className={input}
                value={maxFileMb}
                onChange={(e) => (setMaxFileMb(e.target.value), touch())}
              />
              {err("maxFileMb")}
            </label>
            <label className="block w-40 text-sm font-medium text-slate-800">
              Files at most
              <input
                type="number"
                min={1}
                max={20}
                step={1}
                className={input}
                value={maxFiles}
                onChange={(e) => (setMaxFiles(e.target.value), touch())}
              />
              {err("maxFiles")}
            </label>
          </div>
        </fieldset>
      ) : null}
      <label className="block max-w-xs text-sm font-medium text-slate-800">
        Due (optional; late work is accepted and marked late)
        <input
          type="datetime-local"
          className={input}
          value={due}
          onChange={(e) => (setDue(e.target.value), touch())}
        />
        {err("dueAt")}
      </label>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Rubric (optional)</legend>
        {criteria.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600">
            No rubric: reviewers pass or send back with feedback only.
          </p>
        ) : null}
        <ol className="mt-2 space-y-3">
          {criteria.map((c, ci) => (
            <li key={c.key} className="rounded-xl border border-slate-200 p-3">
              <div className="grid gap-2 sm:grid-cols-[1fr_auto]">
                <label className="block text-sm font-medium text-slate-800">
                  Criterion {ci + 1}
                  <input
                    id={`criterion-${c.key}`}
                    className={input}
                    value={c.title}
                    onChange={(e) => setCriterion(c.key, { title: e.target.value })}
                  />
                  {err(`rubric.${ci}.title`)}
                </label>
                <button
                  type="button"
                  className={`${small} self-end text-red-700`}
                  onClick={() => {
                    setCriteria((cs) => cs.filter((x) => x.key !== c.key));
                    touch();
                  }}
                >
                  Remove<span className="sr-only"> criterion {ci + 1}</span>
                </button>
              </div>
              <label className="mt-2 block text-sm text-slate-800">
                What it looks for (optional)
                <input
                  className={input}
                  value={c.description}
                  onChange={(e) => setCriterion(c.key, { description: e.target.value })}
                />
              </label>
              <fieldset className="mt-2">
                <legend className="text-xs font-semibold uppercase tracking-wide text-slate-500">
                  Levels
                </legend>
                {err(`rubric.${ci}.levels`)}
                <ul className="mt-1 space-y-1">
                  {c.levels.map((l, li) => (
                    <li key={l.key} className="flex items-center gap-2">
                      <input
                        aria-label={`Criterion ${ci + 1}, level ${li + 1} name`}
                        className="w-full rounded-lg border border-slate-300 px-2 py-1 text-sm"
                        value={l.title}
                        onChange={(e) =>
                          setCriterion(c.key, {
                            levels: c.levels.map((x) =>
                              x.key === l.key ? { ...x, title: e.target.value } : x,
                            ),
                          })
                        }
                      />
                      <input
                        type="number"
                        min={0}
                        max={100}
                        aria-label={`Criterion ${ci + 1}, level ${li + 1} points`}
                        className="w-20 rounded-lg border border-slate-300 px-2 py-1 text-sm"
                        value={l.points}
                        onChange={(e) =>
                          setCriterion(c.key, {
                            levels: c.levels.map((x) =>
                              x.key === l.key ? { ...x, points: e.target.value } : x,
                            ),
                          })
                        }
                      />
                      <button
                        type="button"
                        className={small}
                        disabled={c.levels.length <= 2}
                        onClick={() =>
                          setCriterion(c.key, { levels: c.levels.filter((x) => x.key !== l.key) })
                        }
                      >
                        Remove<span className="sr-only"> level {li + 1}</span>
                      </button>
                    </li>
                  ))}
                </ul>
                {c.levels.length < 6 ? (
                  <button
                    type="button"
                    className={`${small} mt-1`}
                    onClick={() =>
                      setCriterion(c.key, { levels: [...c.levels, { key: key(), title: "", points: "0" }] })
                    }
                  >
                    Add a level
                  </button>
                ) : null}
              </fieldset>
            </li>
          ))}
        </ol>
        <button
          type="button"
          className={`${buttonClass({ variant: "secondary", size: "sm" })} mt-2`}
          onClick={() => {
            const c = blankCriterion();
            setCriteria((cs) => [...cs, c]);
            setFocusKey(c.key);
            touch();
          }}
        >
          Add a criterion
        </button>
      </fieldset>
      <div className="flex items-center gap-3">
        <button type="button" className={buttonClass()} disabled={busy} onClick={() => void save()}>
          {busy ? "Saving…" : "Save assignment"}
        </button>
      </div>
      {outcome ? (
        <p
          ref={outcomeRef}
          tabIndex={-1}
          role={outcome.ok ? "status" : "alert"}
          className={`rounded-lg p-3 text-sm ${outcome.ok ? "bg-emerald-50 text-emerald-900" : "bg-red-50 text-red-900"}`}
        >
          {outcome.text}
        </p>
      ) : null}
    </section>
  );
}
