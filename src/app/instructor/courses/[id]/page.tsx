import type { Metadata } from "next";
import Link from "next/link";
import { ConfirmDelete } from "@/components/authoring/confirm-delete";
import { CourseForm } from "@/components/authoring/course-form";
import { PublishPanel } from "@/components/authoring/publish-panel";
import { StructureEditor } from "@/components/authoring/structure-editor";
import { Badge } from "@/components/ui/badge";
import { Section } from "@/components/ui/section";
import { formatDuration } from "@/lib/format";
import { currencySymbol, toMajorUnits } from "@/lib/money";
import { getActor } from "@/server/auth/session";
import { findCourseTeam } from "@/server/authoring/instructors";
import { TeamEditor } from "@/components/authoring/team-editor";
import { getCourseForEditing } from "@/server/authoring/queries";
import { getDb } from "@/server/db";
import { getEnv } from "@/server/env";
import {
  addInstructorAction,
  transferOwnershipAction,
  checkSlugAction,
  createLessonAction,
  deleteCourseAction,
  deleteModuleAction,
  publishAction,
  removeInstructorAction,
  reorderAction,
  saveCourseAction,
  saveModuleAction,
} from "../../actions";
import { orNotFound } from "@/server/http/pages";
import { findPrerequisiteIds, prerequisiteChoices } from "@/server/learning/prerequisites";

export const metadata: Metadata = { title: "Edit course", robots: { index: false } };

export default async function EditCoursePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const view = await orNotFound(getCourseForEditing(await getDb(), await getActor(), id));
  const { course, modules, publishProblems, enrolledStudents } = view;
  const team = await findCourseTeam(await getDb(), await getActor(), course.id);
  // The course was found for this editor above: its prerequisites are theirs to see and change.
  const [requiredIds, requiredChoices] = await Promise.all([
    findPrerequisiteIds(await getDb(), course.id),
    prerequisiteChoices(await getDb(), course.id),
  ]);
  const firstLesson = modules.find((m) => m.published && m.lessons.length > 0)?.lessons[0];
  const { currency } = getEnv();
  return (
    <div className="space-y-6">
      <div>
        <Link href="/instructor" className="text-sm font-medium text-brand-700 hover:underline">
          ← My courses
        </Link>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <h1 className="text-3xl font-bold tracking-tight">{course.title}</h1>
          {course.published ? <Badge tone="success">Published</Badge> : <Badge tone="warning">Draft</Badge>}
          {course.featured ? <Badge tone="brand">Featured</Badge> : null}
        </div>
        <p className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-600">
          <span>{formatDuration(course.duration)} of published lessons</span>
          <span>
            {enrolledStudents} enrolled {enrolledStudents === 1 ? "student" : "students"}
          </span>
          {course.published ? (
            <Link href={`/courses/${course.slug}`} className="font-medium text-brand-700 hover:underline">
              View in the catalog
            </Link>
          ) : null}
          {firstLesson ? (
            <Link
              href={`/learn/${course.slug}/${firstLesson.id}`}
              className="font-medium text-brand-700 hover:underline"
            >
              Preview as a learner
            </Link>
          ) : null}
          <Link
            href={`/instructor/courses/${course.id}/analytics`}
            className="font-medium text-brand-700 hover:underline"
          >
            Analytics
          </Link>
          {course.price > 0 ? (
            <Link
              href={`/instructor/courses/${course.id}/coupons`}
              className="font-medium text-brand-700 hover:underline"
            >
              Coupons
            </Link>
          ) : null}
        </p>
      </div>

      <Section id="publishing" title="Publishing">
        {course.published ? (
          <p className="mb-3 text-slate-700">
            The course is in the catalog. Students can find it and enroll.
          </p>
        ) : publishProblems.length > 0 ? (
          <div className="mb-3">
            <p className="text-slate-700">Before this course can be published:</p>
            <ul className="mt-2 list-disc space-y-1 pl-5 text-amber-900" aria-label="What is missing">
              {publishProblems.map((p) => (
                <li key={p.message}>
                  {p.lessonId ? (
                    <Link
                      href={`/instructor/courses/${course.id}/lessons/${p.lessonId}`}
                      className="underline"
                    >
                      {p.message}
                    </Link>
                  ) : p.field ? (
                    <a href="#details" className="underline">
                      {p.message}
                    </a>
                  ) : (
                    p.message
                  )}
                </li>
              ))}
            </ul>
          </div>
        ) : (
          <p className="mb-3 text-slate-700">Everything needed is in place: the course can be published.</p>
        )}
        <PublishPanel
          action={publishAction}
          courseId={course.id}
          published={course.published}
          canPublish={publishProblems.length === 0}
          enrolledStudents={enrolledStudents}
        />
      </Section>

      <Section id="structure" title="Modules and lessons">
        <p className="mb-4 text-sm text-slate-600">
          Reorder with the Move buttons or by dragging. Durations add up from the lessons.
        </p>
        <StructureEditor
          courseId={course.id}
          courseSlug={course.slug}
          modules={modules}
          actions={{
            reorder: reorderAction,
            saveModule: saveModuleAction,
            deleteModule: deleteModuleAction,
            createLesson: createLessonAction,
          }}
        />
      </Section>

      <Section id="team" title="Instructors">
        <TeamEditor
          courseId={course.id}
          team={team.members}
          canManage={team.canManage}
          actions={{
            add: addInstructorAction,
            remove: removeInstructorAction,
            transfer: transferOwnershipAction,
          }}
        />
      </Section>

      <Section id="details" title="Details">
        <CourseForm
          currency={currency}
          currencySymbol={currencySymbol(currency)}
          actions={{ save: saveCourseAction, checkSlug: checkSlugAction }}
          slugLocked={Boolean(course.firstPublishedAt)}
          values={{
            id: course.id,
            title: course.title,
            slug: course.slug,
            description: course.description,
            price: toMajorUnits(course.price, currency),
            difficulty: course.difficulty,
            imageUrl: course.imageUrl ?? "",
            metaTitle: course.metaTitle ?? "",
            metaDescription: course.metaDescription ?? "",
            learningObjectives: course.learningObjectives,
            prerequisites: course.prerequisites,
            prerequisiteCourseIds: requiredIds,
          }}
          prerequisiteChoices={requiredChoices}
        />
      </Section>

      <Section id="danger" title="Delete the course">
        <p className="mb-3 text-sm text-slate-600">
          Only a course nobody has enrolled in or paid for can be deleted; otherwise unpublish it.
        </p>
        {team.canManage ? (
          <ConfirmDelete
            action={deleteCourseAction}
            hiddenFields={{ id: course.id }}
            what="course"
            name={course.title}
            affected={0}
          />
        ) : (
          <p className="text-sm text-slate-600">
            Only the course&apos;s owner or an administrator can delete it.
          </p>
        )}
      </Section>
    </div>
  );
}
