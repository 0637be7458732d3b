import { connection } from "next/server";
import { CourseCard } from "@/components/catalog/course-card";
import { Container } from "@/components/ui/container";
import { EmptyState } from "@/components/ui/empty-state";
import { findHomeCourses } from "@/server/catalog/queries";
import { getDb } from "@/server/db";
import { getEnv } from "@/server/env";

export default async function HomePage() {
  await connection();
  const courses = await findHomeCourses(await getDb());
  const { currency } = getEnv();
  return (
    <>
      <section className="bg-gradient-to-b from-brand-900 to-brand-700 text-white">
        <Container className="py-16 sm:py-20">
          <h1 className="max-w-3xl text-4xl font-bold tracking-tight sm:text-5xl">
            Learn AI, lesson by lesson.
          </h1>
          <p className="mt-4 max-w-2xl text-lg text-brand-100">
            Practical courses on how modern AI works and how to build with it — from your first model to
            production LLM applications. Track your progress and earn certificates anyone can verify.
          </p>
        </Container>
      </section>
      <Container className="py-12">
        <section id="courses" aria-labelledby="courses-heading">
          <h2 id="courses-heading" className="text-2xl font-semibold tracking-tight">
            Courses
          </h2>
          {courses.length === 0 ? (
            <div className="mt-6">
              <EmptyState title="No courses yet">
                The platform has no published courses yet. Once instructors publish a course, it appears here.
              </EmptyState>
            </div>
          ) : (
            <ul className="mt-6 grid gap-6 sm:grid-cols-2 lg:grid-cols-3" role="list">
              {courses.map((course) => (
                <li key={course.id} className="flex">
                  <div className="w-full">
                    <CourseCard course={course} currency={currency} />
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>
      </Container>
    </>
  );
}
