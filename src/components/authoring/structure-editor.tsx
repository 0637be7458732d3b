"use client";

import Link from "next/link";
import { useRef, useState, type DragEvent } from "react";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import type { ActionResult, FormAction } from "@/lib/action-result";
import { formatDuration, formatLessonType } from "@/lib/format";
import type { EditorModule } from "@/server/authoring/queries";
import { ConfirmDelete } from "./confirm-delete";
import { ModuleForm, NewLessonForm } from "./structure-forms";

export interface StructureActions {
  reorder: (input: {
    kind: "modules" | "lessons";
    courseId: string;
    parentId: string;
    ids: string[];
    previousIds: string[];
  }) => Promise<ActionResult>;
  saveModule: FormAction;
  deleteModule: FormAction;
  createLesson: FormAction;
}

type Kind = "modules" | "lessons";
interface Dragged {
  kind: Kind;
  parentId: string;
  id: string;
}

const moveButton =
  "rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-40";

function moved<T extends { id: string }>(items: T[], from: number, to: number): T[] {
  const next = [...items];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next;
}

/**
 * Modules and their lessons, reordered with "Move up / Move down" buttons (keyboard) or by dragging. Every
 * move sends the complete new order and the order it replaces; the server answers 409 when someone else
 * changed it meanwhile, and the list goes back. Moves are announced in a live region.
 */
export function StructureEditor({
  courseId,
  courseSlug,
  modules,
  actions,
}: {
  courseId: string;
  courseSlug: string;
  modules: EditorModule[];
  actions: StructureActions;
}) {
  const [tree, setTree] = useState(modules);
  const [source, setSource] = useState(modules);
  if (source !== modules) {
    setSource(modules);
    setTree(modules);
  }
  const [announcement, setAnnouncement] = useState("");
  const busy = useRef(false);
  const dragged = useRef<Dragged | null>(null);

  async function reorder(kind: Kind, parentId: string, from: number, to: number, viaButton?: "up" | "down") {
    if (busy.current || from === to) return;
    const before = tree;
    let next: EditorModule[];
    let label: string;
    let count: number;
    let where = "";
    let movedId: string;
    if (kind === "modules") {
      next = moved(tree, from, to);
      movedId = tree[from]!.id;
      label = tree[from]!.title;
      count = tree.length;
    } else {
      const m = tree.find((x) => x.id === parentId)!;
      const lessons = moved(m.lessons, from, to);
      next = tree.map((x) => (x.id === parentId ? { ...x, lessons } : x));
      movedId = m.lessons[from]!.id;
      label = m.lessons[from]!.title;
      count = m.lessons.length;
      where = ` in ${m.title}`;
    }
    const previousIds =
      kind === "modules"
        ? before.map((x) => x.id)
        : before.find((x) => x.id === parentId)!.lessons.map((l) => l.id);
    const ids =
      kind === "modules"
        ? next.map((x) => x.id)
        : next.find((x) => x.id === parentId)!.lessons.map((l) => l.id);
    busy.current = true;
    setTree(next);
    if (viaButton) {
      // A button at the new edge is disabled: keep the focus on the item's other move button.
      requestAnimationFrame(() => {
        const own = document.getElementById(`move-${viaButton}-${movedId}`) as HTMLButtonElement | null;
        if (own?.disabled)
          document.getElementById(`move-${viaButton === "up" ? "down" : "up"}-${movedId}`)?.focus();
      });
    }
    const result = await actions.reorder({ kind, courseId, parentId, ids, previousIds });
    busy.current = false;
    if (result.ok) {
      setAnnouncement(`Moved “${label}” to position ${to + 1} of ${count}${where}.`);
    } else {
      setTree(before);
      setAnnouncement(`Not moved: ${result.error}`);
    }
  }

  const dragProps = (kind: Kind, parentId: string, id: string, index: number) => ({
    draggable: true,
    onDragStart: (e: DragEvent) => {
      e.stopPropagation();
      dragged.current = { kind, parentId, id };
      e.dataTransfer.effectAllowed = "move";
      e.dataTransfer.setData("text/plain", id);
    },
    onDragOver: (e: DragEvent) => {
      const d = dragged.current;
      if (d && d.kind === kind && d.parentId === parentId) {
        e.preventDefault();
        e.stopPropagation();
      }
    },
    onDrop: (e: DragEvent) => {
      const d = dragged.current;
      if (!d || d.kind !== kind || d.parentId !== parentId) return;
      e.preventDefault();
      e.stopPropagation();
      dragged.current = null;
      const list = kind === "modules" ? tree : tree.find((m) => m.id === parentId)!.lessons;
      const from = list.findIndex((x) => x.id === d.id);
      if (from >= 0) void reorder(kind, parentId, from, index);
    },
    onDragEnd: () => {
      dragged.current = null;
    },
  });

  return (
    <div>
      <p role="status" aria-live="polite" className="sr-only">
        {announcement}
      </p>
      {tree.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">
          No modules yet. Add the first one below; a course needs at least one published module with lessons.
        </p>
      ) : (
        <ol className="space-y-4" data-module-list="">
          {tree.map((m, mi) => (
            <li
              key={m.id}
              aria-labelledby={`module-${m.id}`}
              className="rounded-2xl border border-slate-200 bg-white p-4 sm:p-5"
              {...dragProps("modules", courseId, m.id, mi)}
            >
              <div className="flex flex-wrap items-start justify-between gap-3">
                <div className="min-w-0">
                  <h3
                    id={`module-${m.id}`}
                    tabIndex={-1}
                    className="font-semibold text-slate-900 outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
                  >
                    <span
                      aria-hidden="true"
                      className="mr-2 cursor-grab text-slate-400"
                      title="Drag to reorder"
                    >
                      ⠿
                    </span>
                    {mi + 1}. {m.title}
                  </h3>
                  <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
                    {m.published ? (
                      <Badge tone="success">Published</Badge>
                    ) : (
                      <Badge tone="warning">Draft</Badge>
                    )}
                    <span>
                      {m.lessons.length} {m.lessons.length === 1 ? "lesson" : "lessons"} ·{" "}
                      {formatDuration(m.duration)}
                    </span>
                  </p>
                </div>
                <div className="flex gap-1">
                  <button
                    type="button"
                    id={`move-up-${m.id}`}
                    className={moveButton}
                    disabled={mi === 0}
                    onClick={() => reorder("modules", courseId, mi, mi - 1, "up")}
                  >
                    Move up<span className="sr-only"> module {m.title}</span>
                  </button>
                  <button
                    type="button"
                    id={`move-down-${m.id}`}
                    className={moveButton}
                    disabled={mi === tree.length - 1}
                    onClick={() => reorder("modules", courseId, mi, mi + 1, "down")}
                  >
                    Move down<span className="sr-only"> module {m.title}</span>
                  </button>
                </div>
              </div>

              {m.lessons.length === 0 ? (
                <p className="mt-3 text-sm text-slate-600">No lessons in this module yet.</p>
              ) : (
                <ol
                  className="mt-3 divide-y divide-slate-100 rounded-xl border border-slate-100"
                  aria-label={`Lessons of ${m.title}`}
                >
                  {m.lessons.map((l, li) => (
                    <li
                      key={l.id}
                      className="flex flex-wrap items-center gap-3 px-3 py-2"
                      {...dragProps("lessons", m.id, l.id, li)}
                    >
                      <span aria-hidden="true" className="cursor-grab text-slate-400" title="Drag to reorder">
                        ⠿
                      </span>
                      <div className="min-w-0 flex-1">
                        <Link
                          href={`/instructor/courses/${courseId}/lessons/${l.id}`}
                          className="font-medium text-brand-700 underline-offset-2 hover:underline"
                        >
                          {l.title}
                        </Link>
                        <p className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
                          {formatLessonType(l.lessonType)} · {formatDuration(l.duration)}
                          {l.hasContent ? null : <Badge tone="warning">No content</Badge>}
                          {l.studentsWithProgress > 0 ? (
                            <span>
                              · {l.studentsWithProgress}{" "}
                              {l.studentsWithProgress === 1 ? "student" : "students"} with progress
                            </span>
                          ) : null}
                        </p>
                      </div>
                      <div className="flex flex-wrap gap-1">
                        {m.published ? (
                          <Link
                            href={`/learn/${courseSlug}/${l.id}`}
                            className="rounded-md px-2 py-1 text-xs font-medium text-brand-700 hover:bg-brand-50"
                          >
                            Preview<span className="sr-only"> {l.title}</span>
                          </Link>
                        ) : null}
                        <button
                          type="button"
                          id={`move-up-${l.id}`}
                          className={moveButton}
                          disabled={li === 0}
                          onClick={() => reorder("lessons", m.id, li, li - 1, "up")}
                        >
                          Move up<span className="sr-only"> {l.title}</span>
                        </button>
                        <button
                          type="button"
                          id={`move-down-${l.id}`}
                          className={moveButton}
                          disabled={li === m.lessons.length - 1}
                          onClick={() => reorder("lessons", m.id, li, li + 1, "down")}
                        >
                          Move down<span className="sr-only"> {l.title}</span>
                        </button>
                      </div>
                    </li>
                  ))}
                </ol>
              )}
              <div className="mt-4">
                <NewLessonForm
                  action={actions.createLesson}
                  courseId={courseId}
                  moduleId={m.id}
                  moduleTitle={m.title}
                />
              </div>
              <details className="mt-4">
                <summary
                  className={buttonClass({ variant: "secondary", size: "sm", className: "cursor-pointer" })}
                >
                  Edit module
                </summary>
                <div className="mt-3 space-y-4 rounded-xl bg-slate-50 p-4">
                  <ModuleForm action={actions.saveModule} courseId={courseId} module={m} />
                  <ConfirmDelete
                    action={actions.deleteModule}
                    hiddenFields={{ id: m.id, courseId }}
                    what="module"
                    name={m.title}
                    affected={m.studentsWithProgress}
                  />
                </div>
              </details>
            </li>
          ))}
        </ol>
      )}
      <section
        aria-labelledby="add-module"
        className="mt-6 rounded-2xl border border-slate-200 bg-white p-4 sm:p-5"
      >
        <h3 id="add-module" className="font-semibold text-slate-900">
          Add a module
        </h3>
        <div className="mt-3">
          <ModuleForm action={actions.saveModule} courseId={courseId} />
        </div>
      </section>
    </div>
  );
}
