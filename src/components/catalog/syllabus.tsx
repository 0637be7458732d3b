import { LessonTypeIcon, LockIcon } from "@/components/ui/lesson-type-icon";
import { formatLongDate } from "@/lib/dates";
import { countOf, formatDuration, formatLessonType } from "@/lib/format";

interface SyllabusModule {
  id: string;
  title: string;
  description: string;
  order: number;
  duration: number;
  releaseKind?: "immediate" | "after_days" | "on_date";
  releaseDays?: number | null;
  releaseDate?: Date | string | null;
  lessons: { id: string; title: string; duration: number; lessonType: string }[];
}

/** "Opens 7 days after you enroll", "Opens on 1 March 2027", or nothing for a module open at enrollment. */
function releaseNote(m: SyllabusModule): string | null {
  if (m.releaseKind === "after_days" && m.releaseDays)
    return `Opens ${m.releaseDays} ${m.releaseDays === 1 ? "day" : "days"} after you enroll`;
  if (m.releaseKind === "on_date" && m.releaseDate) return `Opens on ${formatLongDate(m.releaseDate)}`;
  return null;
}

/** Modules → lessons with type and duration. Native <details> keeps it keyboard- and screen-reader-friendly. */
export function Syllabus({ modules }: { modules: SyllabusModule[] }) {
  if (modules.length === 0) {
    return <p className="mt-4 text-slate-600">The syllabus of this course is being written.</p>;
  }
  return (
    <ol className="mt-4 space-y-3">
      {modules.map((m, i) => (
        <li key={m.id}>
          <details open={i === 0} className="group rounded-2xl border border-slate-200 bg-white">
            <summary className="flex cursor-pointer list-none flex-col gap-2 p-4 sm:flex-row sm:items-start sm:justify-between sm:gap-4 [&::-webkit-details-marker]:hidden">
              <span>
                <span className="block text-xs font-semibold uppercase tracking-wide text-brand-600">
                  Module {i + 1}
                </span>
                <span className="mt-0.5 block font-semibold text-slate-900">{m.title}</span>
                <span className="mt-1 block text-sm text-slate-600">{m.description}</span>
                {releaseNote(m) ? (
                  <span className="mt-1 flex items-center gap-1 text-sm font-medium text-amber-800">
                    <LockIcon className="h-3.5 w-3.5" />
                    {releaseNote(m)}
                  </span>
                ) : null}
              </span>
              <span className="shrink-0 text-sm text-slate-500">
                {countOf(m.lessons.length, "lesson")} · {formatDuration(m.duration)}
                <span aria-hidden="true" className="ml-2 inline-block transition group-open:rotate-180">
                  ▾
                </span>
              </span>
            </summary>
            <ol className="border-t border-slate-100">
              {m.lessons.map((l) => (
                <li key={l.id} className="flex items-center justify-between gap-4 px-4 py-3 text-sm">
                  <span className="flex min-w-0 items-center gap-3">
                    <span
                      aria-hidden="true"
                      className="grid h-7 w-7 shrink-0 place-items-center rounded-full bg-slate-100 text-slate-600"
                    >
                      <LessonTypeIcon type={l.lessonType} />
                    </span>
                    <span className="min-w-0">
                      <span className="block truncate text-slate-900">{l.title}</span>
                      <span className="block text-xs text-slate-500">{formatLessonType(l.lessonType)}</span>
                    </span>
                  </span>
                  <span className="shrink-0 text-slate-500">{formatDuration(l.duration)}</span>
                </li>
              ))}
            </ol>
          </details>
        </li>
      ))}
    </ol>
  );
}
