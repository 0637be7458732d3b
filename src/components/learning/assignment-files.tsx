"use client";

import { useRef, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import {
  acceptAttribute,
  describeFileTypes,
  fileTypeOfName,
  formatBytes,
  type FileTypeKey,
} from "@/lib/file-types";
import { FileLink, type FileItem } from "./file-link";

interface Upload {
  key: string;
  name: string;
  size: number;
  /** 0..1 while sending; null once refused. */
  progress: number | null;
  error: string | null;
}

/**
 * The draft's files: upload (one request per file, with a progress bar each, so a refused file never costs the
 * others), per-file errors, remove. The server checks everything again; the checks here only save a wait.
 */
export function AssignmentFiles({
  lessonId,
  files,
  onChange,
  onBusyChange,
  allowedTypes,
  maxFileBytes,
  maxFiles,
}: {
  lessonId: string;
  files: FileItem[];
  onChange: (files: FileItem[]) => void;
  onBusyChange: (busy: boolean) => void;
  allowedTypes: FileTypeKey[];
  maxFileBytes: number;
  maxFiles: number;
}) {
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  // The latest list, for uploads finishing one after another (the parent's copy changes only through onChange).
  const current = useRef(files);
  const base = `/api/v1/lessons/${encodeURIComponent(lessonId)}/assignment/files`;
  const sending = uploads.some((u) => u.progress !== null);

  const update = (key: string, patch: Partial<Upload>) =>
    setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...patch } : u)));

  function send(file: File, key: string): Promise<void> {
    return new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open("POST", base);
      xhr.responseType = "json";
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) update(key, { progress: e.loaded / e.total });
      };
      xhr.onload = () => {
        const body = xhr.response as { file?: FileItem; error?: { message?: string } } | null;
        if (xhr.status === 201 && body?.file) {
          const next = [...current.current, body.file];
          current.current = next;
          onChange(next);
          setUploads((list) => list.filter((u) => u.key !== key));
        } else {
          update(key, {
            progress: null,
            error: body?.error?.message ?? `The upload failed (${xhr.status}). Try again.`,
          });
        }
        resolve();
      };
      xhr.onerror = () => {
        update(key, {
          progress: null,
          error: "The upload was interrupted. Check your connection and try again.",
        });
        resolve();
      };
      const form = new FormData();
      form.append("file", file, file.name);
      xhr.send(form);
    });
  }

  async function add(list: FileList | null) {
    if (!list || list.length === 0) return;
    setMessage(null);
    const chosen = [...list];
    const room = maxFiles - current.current.length;
    const entries: { file: File; upload: Upload }[] = chosen.map((file, i) => {
      const type = fileTypeOfName(file.name);
      const error =
        i >= room
          ? `At most ${maxFiles} file${maxFiles === 1 ? "" : "s"}: remove one first.`
          : !type || !allowedTypes.includes(type)
            ? `Not an accepted type. Accepted: ${describeFileTypes(allowedTypes)}.`
            : file.size > maxFileBytes
              ? `Larger than ${formatBytes(maxFileBytes)}, the most this assignment accepts per file.`
              : file.size === 0
                ? "This file is empty."
                : null;
      return {
        file,
        upload: {
          key: `${Date.now()}-${i}-${file.name}`,
          name: file.name,
          size: file.size,
          progress: error ? null : 0,
          error,
        },
      };
    });
    setUploads((prev) => [...prev.filter((u) => u.progress !== null), ...entries.map((e) => e.upload)]);
    if (input.current) input.current.value = "";
    onBusyChange(true);
    for (const e of entries) if (!e.upload.error) await send(e.file, e.upload.key);
    onBusyChange(false);
  }

  async function remove(file: FileItem) {
    setMessage(null);
    try {
      const res = await fetch(`${base}/${encodeURIComponent(file.id)}`, { method: "DELETE" });
      if (res.ok) {
        const next = current.current.filter((f) => f.id !== file.id);
        current.current = next;
        onChange(next);
        return;
      }
      const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
      setMessage(body?.error?.message ?? `“${file.name}” could not be removed. Try again.`);
    } catch {
      setMessage("You seem to be offline. Try again when you are back.");
    }
  }

  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-800">Files</legend>
      <p id="assignment-files-hint" className="mt-1 text-sm text-slate-600">
        {describeFileTypes(allowedTypes)}; up to {formatBytes(maxFileBytes)} each, {maxFiles} file
        {maxFiles === 1 ? "" : "s"} at most.
      </p>
      {files.length > 0 ? (
        <ul className="mt-2 space-y-1" aria-label="Files in your draft">
          {files.map((f) => (
            <li key={f.id} className="flex items-center justify-between gap-2 text-sm">
              <FileLink file={f} />
              <button
                type="button"
                className={buttonClass({ variant: "danger-link" })}
                onClick={() => void remove(f)}
              >
                Remove<span className="sr-only"> {f.name}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {uploads.length > 0 ? (
        <ul className="mt-2 space-y-2" aria-label="Uploads">
          {uploads.map((u) => (
            <li key={u.key} className="text-sm">
              <div className="flex items-center justify-between gap-2">
                <span className="min-w-0 truncate">{u.name}</span>
                <span className="shrink-0 text-xs text-slate-500">{formatBytes(u.size)}</span>
              </div>
              {u.progress !== null ? (
                <progress
                  className="mt-1 h-2 w-full"
                  max={100}
                  value={Math.round(u.progress * 100)}
                  aria-label={`Uploading ${u.name}`}
                >
                  {Math.round(u.progress * 100)}%
                </progress>
              ) : null}
              {u.error ? (
                <p role="alert" className="mt-1 text-red-700">
                  {u.name}: {u.error}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="mt-2">
        <label
          className={`${buttonClass({ variant: "secondary" })} cursor-pointer focus-within:ring-2 focus-within:ring-brand-500`}
        >
          {sending ? "Uploading…" : "Add files"}
          <input
            ref={input}
            type="file"
            multiple
            className="sr-only"
            accept={acceptAttribute(allowedTypes)}
            aria-describedby="assignment-files-hint"
            disabled={sending}
            onChange={(e) => void add(e.target.files)}
          />
        </label>
      </div>
      {message ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {message}
        </p>
      ) : null}
    </fieldset>
  );
}
