import { buttonClass } from "@/components/ui/button";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Container } from "@/components/ui/container";
import { Heartbeat } from "@/components/learning/heartbeat";
import { VideoPlayer } from "@/components/learning/video-player";
import { formatDuration, formatLessonType } from "@/lib/format";
import { lessonHtml } from "@/server/learning/lesson-html";
import { videoSource } from "@/lib/video";
import { getActor, requireUser } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { isAppError } from "@/server/errors";
import { getLessonForLearner, type PlayerView } from "@/server/learning/access";
import { touchLesson } from "@/server/learning/progress";
import { previewAnswerAction, setCertificateNameAction, setCompletionAction } from "../../actions";
import { CourseCompletion } from "@/components/learning/course-completion";
import { CourseOutline } from "@/components/learning/course-outline";
import { findNextCourses, getCompletion } from "@/server/learning/completion";
import { getEnv } from "@/server/env";
import { getAssignmentPlayerView } from "@/server/assessments/assignment-player";
import { AssignmentSection } from "@/components/learning/assignment-section";
import { RubricTable } from "@/components/learning/rubric-table";
import { cache } from "react";
import { CheckIcon, LockIcon } from "@/components/ui/lesson-type-icon";
import { formatLongDate } from "@/lib/dates";
import type { Actor } from "@/server/accounts/actor";
import { getQuizPlayerView } from "@/server/assessments/player";
import { QuizSection } from "@/components/learning/quiz-section";
import { ExerciseSection } from "@/components/exercises/exercise-section";
import { listExercisesForStudent } from "@/server/assessments/exercises";

type Props = {
  params: Promise<{ slug: string; lessonId: string }>;
  searchParams: Promise<{ completed?: string; error?: string; attempt?: string }>;
};

/** The lesson for this request, loaded once for the title and the page (React's per-request cache). */
const loadLesson = cache(
  async (
    actor: Actor,
    slug: string,
    lessonId: string,
  ): Promise<{ view: PlayerView } | { error: unknown }> => {
    try {
      return {
        view: await getLessonForLearner(await getDb(), actor, slug.slice(0, 200), lessonId.slice(0, 64), {
          whenLocked: "withhold",
        }),
      };
    } catch (error) {
      return { error };
    }
  },
);

export async function generateMetadata({ params }: Pick<Props, "params">): Promise<Metadata> {
  const { slug, lessonId } = await params;
  const actor = await getActor();
  const loaded = actor ? await loadLesson(actor, slug, lessonId) : null;
  const title =
    loaded && "view" in loaded ? `${loaded.view.lesson.title} · ${loaded.view.course.title}` : "Lesson";
  return { title, robots: { index: false } };
}

export default async function LessonPage({ params, searchParams }: Props) {
  const { slug, lessonId } = await params;
  const { completed, error, attempt } = await searchParams;
  const actor = await requireUser(`/learn/${slug}/${lessonId}`);
  const db = await getDb();
  const loaded = await loadLesson(actor, slug, lessonId);
  let view: PlayerView;
  try {
    if ("error" in loaded) throw loaded.error;
    view = loaded.view;
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    if (isAppError(e) && e.code === "FORBIDDEN") {
      return (
        <Container className="py-16">
          <div
            role="alert"
            className="mx-auto max-w-lg rounded-2xl border border-slate-200 bg-white p-8 text-center"
          >
            <h1 className="text-2xl font-bold">This lesson is closed to you</h1>
            <p className="mt-3 text-slate-600">{e.userMessage}</p>
            <Link href={`/courses/${slug}`} className={buttonClass({ className: "mt-6" })}>
              Go to the course page
            </Link>
          </div>
        </Container>
      );
    }
    throw e;
  }
  // A module that opens later (scheduled release): the page says when, and nothing of the lesson is served.
  const locked = view.lockedUntil;
  if (!view.preview && !locked)
    await touchLesson(db, actor, view.course.id, view.lesson.id, view.lesson.moduleId);
  const { lesson, modules } = view;
  const current = modules.flatMap((m) => m.lessons).find((l) => l.id === lesson.id);
  const isDone = current?.completed ?? false;
  const html = lessonHtml(lesson.content);
  const quiz =
    lesson.lessonType === "QUIZ" && !locked
      ? await getQuizPlayerView(db, actor, lesson.id, {
          preview: view.preview,
          reviewAttemptId: typeof attempt === "string" ? attempt.slice(0, 64) : undefined,
        })
      : null;
  const path = `/learn/${view.course.slug}/${lesson.id}`;
  const assignment =
    lesson.lessonType === "ASSIGNMENT" && !locked
      ? await getAssignmentPlayerView(db, actor, lesson.id)
      : null;
  const exercises =
    lesson.lessonType === "INTERACTIVE" && !locked
      ? (await listExercisesForStudent(db, actor, lesson.id)).items.map(({ instructions, ...x }) => ({
          ...x,
          instructionsHtml: instructions.trim() ? lessonHtml(instructions) : "",
        }))
      : [];
  const finished =
    view.enrollment?.status === "COMPLETED" ? await getCompletion(db, actor, view.course.id) : null;
  // The moment lasts a little: also when the course was finished by a quiz passed or work reviewed just now.
  const celebrate = finished !== null && (Boolean(completed) || finished.recent);
  const nextCourses = celebrate ? await findNextCourses(db, actor) : [];
  return (
    <Container className="py-6 lg:py-10">
      {view.preview || locked ? null : <Heartbeat lessonId={lesson.id} />}
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
        <Link href="/dashboard" className="hover:underline">
          My learning
        </Link>{" "}
        <span aria-hidden="true">/</span>{" "}
        <Link href={`/courses/${view.course.slug}`} className="hover:underline">
          {view.course.title}
        </Link>
      </nav>
      {finished ? (
        <CourseCompletion
          view={finished}
          celebrate={celebrate}
          next={nextCourses}
          currency={getEnv().currency}
          path={path}
          setName={setCertificateNameAction}
        />
      ) : null}
      {error ? (
        <p role="alert" className="mt-4 rounded-xl bg-red-50 p-4 text-red-800">
          We could not save your progress. Nothing was lost; please try again.
        </p>
      ) : null}
      <a
        href="#lesson-navigation"
        className="sr-only focus:not-sr-only focus:mt-2 focus:inline-block focus:rounded focus:bg-white focus:px-3 focus:py-1.5 focus:text-sm focus:font-medium focus:text-brand-800 focus:shadow"
      >
        Skip to lesson navigation
      </a>
      <div className="mt-4 grid gap-6 lg:grid-cols-[300px_1fr] lg:gap-8">
        <CourseOutline
          summary={
            view.enrollment ? `${view.enrollment.progressPercentage}% complete` : "preview as course staff"
          }
        >
          {view.enrollment ? (
            <div className="mb-4">
              <p className="text-sm font-medium text-slate-700">
                {view.enrollment.progressPercentage}% complete
              </p>
              <div
                className="mt-1 h-2 rounded-full bg-slate-200"
                role="progressbar"
                aria-valuenow={view.enrollment.progressPercentage}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-label="Course progress"
              >
                <div
                  className="h-2 rounded-full bg-brand-600"
                  style={{ width: `${view.enrollment.progressPercentage}%` }}
                />
              </div>
            </div>
          ) : (
            <p className="mb-4 rounded-lg bg-amber-50 p-3 text-sm text-amber-900">
              Preview as course staff: progress is not recorded.
            </p>
          )}
          <ol className="space-y-4">
            {modules.map((m, mi) => {
              const done = m.lessons.filter((l) => l.completed).length;
              return (
                <li key={m.id}>
                  <p className="text-xs font-semibold uppercase tracking-wide text-brand-600">
                    Module {mi + 1} · {done}/{m.lessons.length} done
                  </p>
                  <p className="font-medium text-slate-900">{m.title}</p>
                  {m.opensAt ? (
                    <p className="mt-1 flex items-center gap-1 text-sm text-amber-800">
                      <LockIcon className="h-3.5 w-3.5" />
                      Opens on {formatLongDate(m.opensAt)}
                      {view.preview ? " for students enrolled now" : ""}
                    </p>
                  ) : null}
                  <ol className="mt-2 space-y-1">
                    {m.lessons.map((l) => (
                      <li key={l.id}>
                        <Link
                          href={`/learn/${view.course.slug}/${l.id}`}
                          aria-current={l.id === lesson.id ? "page" : undefined}
                          className={`flex items-start gap-2 rounded-lg px-2 py-1.5 text-sm ${l.id === lesson.id ? "bg-brand-50 font-medium text-brand-900" : "text-slate-700 hover:bg-slate-100"}`}
                        >
                          <span
                            aria-hidden="true"
                            className={`mt-0.5 grid h-4 w-4 shrink-0 place-items-center rounded-full border text-[10px] ${l.completed ? "border-emerald-600 bg-emerald-600 text-white" : "border-slate-300"}`}
                          >
                            {l.completed ? <CheckIcon className="h-2.5 w-2.5" /> : null}
                          </span>
                          <span>
                            {l.title}
                            <span className="sr-only">
                              {l.completed ? " (completed)" : " (not completed)"}
                            </span>
                          </span>
                        </Link>
                      </li>
                    ))}
                  </ol>
                </li>
              );
            })}
          </ol>
        </CourseOutline>
        <article className="order-2 min-w-0">
          <p className="text-sm text-slate-500">
            {formatLessonType(lesson.lessonType)} · {formatDuration(lesson.duration)}
          </p>
          <h1 className="mt-1 text-3xl font-bold tracking-tight">{lesson.title}</h1>
          {lesson.description ? <p className="mt-2 text-lg text-slate-600">{lesson.description}</p> : null}
          {locked ? (
            <div
              role="status"
              className="mt-6 rounded-2xl border border-amber-200 bg-amber-50 p-6 text-amber-950"
            >
              <p className="flex items-center gap-2 text-lg font-semibold">
                <LockIcon className="h-5 w-5" />
                This module opens on {formatLongDate(locked)}
              </p>
              <p className="mt-2">
                The course releases its modules on a schedule. We will e-mail you when this one opens; until
                then, carry on with the lessons that are open.
              </p>
            </div>
          ) : null}
          {lesson.videoUrl ? (
            <div className="mt-6">
              <VideoPlayer source={videoSource(lesson.videoUrl)} title={lesson.title} />
            </div>
          ) : null}
          {lesson.resourceUrl && /^(https?:\/\/|\/)/.test(lesson.resourceUrl) ? (
            <p className="mt-4">
              <a
                href={lesson.resourceUrl}
                className="text-sm font-medium text-brand-700 underline"
                rel="noopener noreferrer"
                target="_blank"
              >
                Lesson resource (opens in a new tab)
              </a>
            </p>
          ) : null}
          <div className="lesson-content mt-6" dangerouslySetInnerHTML={{ __html: html }} />
          {assignment && view.preview ? (
            <section
              aria-labelledby="assignment-preview"
              className="mt-8 rounded-2xl border border-slate-200 p-5"
            >
              <h2 id="assignment-preview" className="text-xl font-semibold">
                Assignment preview
              </h2>
              <p className="mt-1 text-sm text-slate-600">
                Students hand in{" "}
                {[
                  assignment.settings.textAllowed ? "a written answer" : null,
                  assignment.settings.linksAllowed ? "links" : null,
                ]
                  .filter(Boolean)
                  .join(" and ")}{" "}
                here; their work reaches your review queue.
              </p>
              {assignment.rubric ? <RubricTable rubric={assignment.rubric} caption="Rubric" /> : null}
            </section>
          ) : assignment ? (
            <AssignmentSection
              lessonId={lesson.id}
              view={assignment}
              preview={previewAnswerAction}
              now={new Date()}
              courseCompleted={view.enrollment?.status === "COMPLETED"}
            />
          ) : null}
          {quiz && quiz.preview ? (
            <section aria-labelledby="quiz-preview" className="mt-8 rounded-2xl border border-slate-200 p-5">
              <h2 id="quiz-preview" className="text-xl font-semibold">
                Quiz preview
              </h2>
              <p className="mt-1 text-sm text-slate-600">
                Students see these {quiz.preview.length} questions (pass mark {quiz.summary.passPercentage}%).
                Edit them, and see the answer key, in the lesson editor.
              </p>
              <ol className="mt-4 list-decimal space-y-3 pl-5">
                {quiz.preview.map((q) => (
                  <li key={q.id}>
                    <div className="lesson-content" dangerouslySetInnerHTML={{ __html: q.promptHtml }} />
                    {q.options.length ? (
                      <ul className="mt-1 list-disc pl-5 text-sm text-slate-700">
                        {q.options.map((o) => (
                          <li key={o.id}>{o.text}</li>
                        ))}
                      </ul>
                    ) : null}
                  </li>
                ))}
              </ol>
            </section>
          ) : quiz ? (
            <QuizSection
              lessonId={lesson.id}
              path={path}
              summary={quiz.summary}
              attempts={quiz.attempts}
              open={
                quiz.open
                  ? {
                      id: quiz.open.id,
                      questions: quiz.open.questions,
                      answers: quiz.open.answers,
                      deadline: quiz.open.deadline ? quiz.open.deadline.toISOString() : null,
                    }
                  : null
              }
              review={quiz.review}
              nextHref={view.nextLessonId ? `/learn/${view.course.slug}/${view.nextLessonId}` : null}
              serverNow={new Date().toISOString()}
              courseCompleted={view.enrollment?.status === "COMPLETED"}
            />
          ) : null}
          {exercises.length > 0 ? (
            <ExerciseSection
              exercises={exercises}
              preview={view.preview}
              lessonCompleted={isDone}
              nextHref={view.nextLessonId ? `/learn/${view.course.slug}/${view.nextLessonId}` : null}
            />
          ) : null}
          {/* The completion button first, then previous and next on one row: the order of the source is the
              order on the screen at every width (keyboard order follows what is seen). */}
          <nav
            id="lesson-navigation"
            tabIndex={-1}
            aria-label="Lesson navigation"
            className="mt-10 space-y-3 border-t border-slate-200 pt-6 focus:outline-none"
          >
            {view.preview || locked || quiz || assignment || exercises.length > 0 ? null : (
              <form action={setCompletionAction} className="flex justify-end">
                <input type="hidden" name="slug" value={view.course.slug} />
                <input type="hidden" name="lessonId" value={lesson.id} />
                <input type="hidden" name="completed" value={isDone ? "false" : "true"} />
                {view.nextLessonId && !isDone ? (
                  <input type="hidden" name="next" value={view.nextLessonId} />
                ) : null}
                <button
                  className={
                    isDone
                      ? "w-full rounded-lg border border-slate-300 px-4 py-2 font-medium hover:bg-slate-50 sm:w-auto"
                      : buttonClass({ className: "w-full sm:w-auto" })
                  }
                >
                  {isDone
                    ? "Mark as not complete"
                    : view.nextLessonId
                      ? "Complete and continue"
                      : "Mark complete"}
                </button>
              </form>
            )}
            <div className="flex items-center justify-between gap-3">
              {view.previousLessonId ? (
                <Link
                  href={`/learn/${view.course.slug}/${view.previousLessonId}`}
                  className="whitespace-nowrap rounded-lg border border-slate-300 px-4 py-2 font-medium hover:bg-slate-50"
                >
                  ← Previous
                </Link>
              ) : (
                <span />
              )}
              {view.nextLessonId ? (
                <Link
                  href={`/learn/${view.course.slug}/${view.nextLessonId}`}
                  className="whitespace-nowrap rounded-lg border border-slate-300 px-4 py-2 font-medium hover:bg-slate-50"
                >
                  Next →
                </Link>
              ) : (
                <span />
              )}
            </div>
          </nav>
        </article>
      </div>
    </Container>
  );
}
