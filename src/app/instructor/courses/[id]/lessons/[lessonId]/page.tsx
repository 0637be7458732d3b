import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ConfirmDelete } from "@/components/authoring/confirm-delete";
import { LessonForm } from "@/components/authoring/lesson-form";
import { MoveLessonForm } from "@/components/authoring/move-lesson-form";
import { renderMarkdown } from "@/lib/markdown";
import { getActor } from "@/server/auth/session";
import { getLessonForEditing } from "@/server/authoring/queries";
import { getDb } from "@/server/db";
import { deleteLessonAction, moveLessonAction, previewMarkdownAction, saveLessonAction } from "./actions";
import { orNotFound } from "@/server/http/pages";
import { getEnv } from "@/server/env";
import { QuizEditor } from "@/components/authoring/quiz-editor";
import { AssignmentEditor } from "@/components/authoring/assignment-editor";
import { ExerciseEditor } from "@/components/authoring/exercise-editor";
import { getExercisesForAuthor } from "@/server/assessments/exercise-authoring";
import { getAssignmentForAuthor } from "@/server/assessments/assignment-authoring";
import { getQuizForAuthor } from "@/server/assessments/quiz-authoring";

export const metadata: Metadata = { title: "Edit lesson", robots: { index: false } };

export default async function EditLessonPage({
  params,
}: {
  params: Promise<{ id: string; lessonId: string }>;
}) {
  const { id, lessonId } = await params;
  const db = await getDb();
  const actor = await getActor();
  const view = await orNotFound(getLessonForEditing(db, actor, lessonId));
  if (view.course.id !== id) notFound();
  const quiz = view.lesson.lessonType === "QUIZ" ? await getQuizForAuthor(db, actor, lessonId) : null;
  const assignment =
    view.lesson.lessonType === "ASSIGNMENT" ? await getAssignmentForAuthor(db, actor, lessonId) : null;
  const exercises =
    view.lesson.lessonType === "INTERACTIVE" ? await getExercisesForAuthor(db, actor, lessonId) : null;
  const { course, module, modules, lesson } = view;
  return (
    <div className="space-y-6">
      <div>
        <Link
          href={`/instructor/courses/${course.id}`}
          className="text-sm font-medium text-brand-700 hover:underline"
        >
          ← {course.title}
        </Link>
        <h1 className="mt-2 text-3xl font-bold tracking-tight">{lesson.title}</h1>
        <p className="mt-2 flex flex-wrap gap-x-4 text-sm text-slate-600">
          <span>In “{module.title}”</span>
          {module.published ? (
            <Link
              href={`/learn/${course.slug}/${lesson.id}`}
              className="font-medium text-brand-700 hover:underline"
            >
              Preview in the player
            </Link>
          ) : (
            <span>Its module is a draft: publish the module to preview the lesson in the player.</span>
          )}
        </p>
      </div>
      <div className="rounded-2xl border border-slate-200 bg-white p-5 sm:p-6">
        <LessonForm
          actions={{ save: saveLessonAction, preview: previewMarkdownAction }}
          initialHtml={renderMarkdown(lesson.content, { imageHosts: getEnv().imageHosts })}
          values={{
            courseId: course.id,
            lessonId: lesson.id,
            title: lesson.title,
            lessonType: lesson.lessonType,
            duration: lesson.duration,
            content: lesson.content,
            videoUrl: lesson.videoUrl ?? "",
            resourceUrl: lesson.resourceUrl ?? "",
          }}
        />
      </div>
      {quiz ? (
        <QuizEditor
          lessonId={lesson.id}
          initial={quiz}
          preview={previewMarkdownAction}
          resultsHref={
            quiz.version > 0 ? `/instructor/courses/${course.id}/lessons/${lesson.id}/results` : undefined
          }
        />
      ) : null}
      {assignment ? (
        <AssignmentEditor
          lessonId={lesson.id}
          initial={{ ...assignment, dueAt: assignment.dueAt ? assignment.dueAt.toISOString() : null }}
        />
      ) : null}
      {exercises ? (
        <ExerciseEditor lessonId={lesson.id} initial={exercises.items} preview={previewMarkdownAction} />
      ) : null}
      <div className="grid gap-6 md:grid-cols-2">
        {modules.length > 1 ? (
          <section aria-labelledby="move" className="rounded-2xl border border-slate-200 bg-white p-5">
            <h2 id="move" className="font-semibold">
              Move to another module
            </h2>
            <MoveLessonForm
              action={moveLessonAction}
              courseId={course.id}
              lessonId={lesson.id}
              currentModuleId={module.id}
              modules={modules}
            />
          </section>
        ) : null}
        <section aria-labelledby="delete" className="rounded-2xl border border-slate-200 bg-white p-5">
          <h2 id="delete" className="font-semibold">
            Delete the lesson
          </h2>
          <div className="mt-3">
            <ConfirmDelete
              action={deleteLessonAction}
              hiddenFields={{ id: lesson.id, courseId: course.id, redirect: "course" }}
              what="lesson"
              name={lesson.title}
              affected={view.studentsWithProgress}
            />
          </div>
        </section>
      </div>
    </div>
  );
}
