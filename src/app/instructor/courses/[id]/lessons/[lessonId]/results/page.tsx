import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BarChart } from "@/components/charts/bar-chart";
import { QuizAccommodations } from "@/components/authoring/quiz-accommodations";
import { findAccommodations } from "@/server/assessments/accommodations";
import { getQuizAnalytics } from "@/server/assessments/quiz-analytics";
import { requireRole } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { orNotFound } from "@/server/http/pages";

export const metadata: Metadata = { title: "Quiz results", robots: { index: false } };

const pct = (n: number, of: number) => (of === 0 ? "—" : `${Math.floor((n * 100) / of)}%`);
const short = (s: string, n = 60) => {
  const line = s
    .replace(/[#*_`>]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return line.length > n ? `${line.slice(0, n - 1)}…` : line;
};

export default async function QuizResultsPage({
  params,
}: {
  params: Promise<{ id: string; lessonId: string }>;
}) {
  const { id, lessonId } = await params;
  const actor = await requireRole(
    `/instructor/courses/${id}/lessons/${lessonId}/results`,
    "INSTRUCTOR",
    "ADMIN",
  );
  const db = await getDb();
  const a = await orNotFound(getQuizAnalytics(db, actor, lessonId.slice(0, 64)));
  if (a.courseId !== id) notFound();
  const accommodations = await findAccommodations(db, actor, a.lessonId);
  return (
    <div className="space-y-8">
      <div>
        <Link
          href={`/instructor/courses/${id}/lessons/${a.lessonId}`}
          className="text-sm font-medium text-brand-700 hover:underline"
        >
          ← Edit “{a.lessonTitle}”
        </Link>
        <h1 className="mt-2 text-3xl font-bold tracking-tight">Quiz results: {a.lessonTitle}</h1>
        <p className="mt-2 text-sm">
          <a
            href={`/api/v1/instructor/courses/${id}/quiz-scores.csv`}
            className="font-medium text-brand-700 underline"
          >
            Download every student&apos;s best scores for this course&apos;s quizzes (CSV)
          </a>
        </p>
      </div>
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
        {[
          ["Attempts", String(a.attempts)],
          ["Students", String(a.students)],
          ["Pass rate", a.passRate === null ? "—" : `${a.passRate}% (${a.studentsPassed})`],
          ["Average best score", a.averageBestScore === null ? "—" : `${a.averageBestScore}%`],
        ].map(([label, value]) => (
          <div key={label} className="rounded-2xl border border-slate-200 bg-white p-4">
            <dt className="text-sm text-slate-500">{label}</dt>
            <dd className="mt-1 text-2xl font-semibold">{value}</dd>
          </div>
        ))}
      </dl>
      {a.attempts === 0 ? (
        <p className="rounded-2xl border border-dashed border-slate-300 p-6 text-center text-slate-600">
          No one has submitted an attempt yet. Statistics appear here after the first submission.
        </p>
      ) : (
        <>
          <BarChart
            id="correct"
            title="Answered correctly, per question (% of attempts that were given it)"
            data={a.questions.map((q) => ({
              label: `Q${q.order}${q.removed ? " (removed)" : ""}`,
              value: q.served === 0 ? 0 : Math.floor((q.correct * 100) / q.served),
            }))}
            format={(n) => `${n}%`}
          />
          <section aria-labelledby="per-question">
            <h2 id="per-question" className="text-xl font-semibold">
              Per question
            </h2>
            <div className="mt-3 overflow-x-auto rounded-2xl border border-slate-200 bg-white">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">
                  Per question: how often it was answered correctly and each option chosen
                </caption>
                <thead className="bg-slate-50 text-slate-600">
                  <tr>
                    <th scope="col" className="px-4 py-2">
                      #
                    </th>
                    <th scope="col" className="px-4 py-2">
                      Question
                    </th>
                    <th scope="col" className="px-4 py-2">
                      Given
                    </th>
                    <th scope="col" className="px-4 py-2">
                      Correct
                    </th>
                    <th scope="col" className="px-4 py-2">
                      Options chosen
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100 align-top">
                  {a.questions.map((q) => (
                    <tr key={q.questionId}>
                      <td className="px-4 py-2 text-slate-500">{q.order}</td>
                      <td className="px-4 py-2">
                        <span title={q.prompt}>{short(q.prompt)}</span>
                        {q.removed ? <span className="ml-1 text-xs text-slate-500">(removed)</span> : null}
                      </td>
                      <td className="px-4 py-2">{q.served}</td>
                      <td className="px-4 py-2 whitespace-nowrap">
                        {q.correct} ({pct(q.correct, q.served)})
                      </td>
                      <td className="px-4 py-2">
                        {q.options.length === 0 ? (
                          "—"
                        ) : (
                          <ul className="space-y-0.5">
                            {q.options.map((o) => (
                              <li key={o.id}>
                                {o.correct ? <strong>{o.text}</strong> : o.text}
                                {o.correct ? <span className="sr-only"> (correct)</span> : null}: {o.chosen} (
                                {pct(o.chosen, q.served)})
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p className="mt-2 text-xs text-slate-500">Correct options are in bold.</p>
          </section>
        </>
      )}
      <QuizAccommodations
        lessonId={a.lessonId}
        initial={accommodations.map((x) => ({ ...x, updatedAt: x.updatedAt.toISOString() }))}
      />
    </div>
  );
}
