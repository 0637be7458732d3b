import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { CourseGrid } from "@/components/catalog/course-grid";
import { SearchBox } from "@/components/catalog/search-box";
import { Container } from "@/components/ui/container";
import { EmptyState } from "@/components/ui/empty-state";
import { findFeaturedCourses, findNewestCourses } from "@/server/catalog/listings";
import { getReadDb } from "@/server/db";
import { getEnv } from "@/server/env";

const PITCH =
  "Practical courses on how modern AI works and how to build with it — from your first model to production " +
  "LLM applications. Track your progress and earn certificates anyone can verify.";

export function generateMetadata(): Metadata {
  const { appUrl } = getEnv();
  return {
    alternates: { canonical: `${appUrl}/` },
    openGraph: {
      type: "website",
      url: `${appUrl}/`,
      siteName: "AI Whisperers",
      title: "AI Whisperers — learn AI, lesson by lesson",
      description: PITCH,
    },
    twitter: { card: "summary", title: "AI Whisperers — learn AI, lesson by lesson", description: PITCH },
  };
}

const LEVELS = [
  { label: "Beginner", href: "/courses?difficulty=beginner" },
  { label: "Intermediate", href: "/courses?difficulty=intermediate" },
  { label: "Advanced", href: "/courses?difficulty=advanced" },
  { label: "Free courses", href: "/courses?price=free" },
  { label: "Most popular", href: "/courses?sort=popular" },
  { label: "Top rated", href: "/courses?sort=rating" },
];

const PROMISES = [
  { title: "Lesson by lesson", text: "Short lessons in modules: reading, video, exercises and quizzes." },
  { title: "Progress that sticks", text: "Pick up where you left off; every finished lesson counts." },
  { title: "Certificates", text: "Finish a course and get a certificate anyone can verify online." },
];

export default async function HomePage() {
  await connection();
  const db = await getReadDb();
  const { currency } = getEnv();
  const [featured, newest] = await Promise.all([
    findFeaturedCourses(db, currency),
    findNewestCourses(db, currency, 3),
  ]);
  const empty = featured.length === 0 && newest.length === 0;

  return (
    <>
      <section className="bg-gradient-to-b from-brand-900 to-brand-700 text-white">
        <Container className="py-14 sm:py-20">
          <h1 className="max-w-3xl text-4xl font-bold tracking-tight sm:text-5xl">
            Learn AI, lesson by lesson.
          </h1>
          <p className="mt-4 max-w-2xl text-lg text-brand-100">{PITCH}</p>
          <div className="mt-8 max-w-2xl">
            <SearchBox tone="dark" />
          </div>
          <nav aria-label="Browse the catalog" className="mt-5">
            <ul className="flex flex-wrap gap-2 text-sm" role="list">
              {LEVELS.map((l) => (
                <li key={l.href}>
                  <Link
                    href={l.href}
                    className="inline-flex rounded-full border border-white/30 px-3 py-1 text-white hover:bg-white/10"
                  >
                    {l.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        </Container>
      </section>

      <Container className="space-y-14 py-12">
        {empty ? (
          <section id="courses" aria-labelledby="courses-heading">
            <h2 id="courses-heading" className="sr-only">
              Courses
            </h2>
            <EmptyState title="No courses yet">
              The platform has no published courses yet. Once instructors publish a course, it appears here.
            </EmptyState>
          </section>
        ) : null}

        {featured.length > 0 ? (
          <section aria-labelledby="featured-heading">
            <h2 id="featured-heading" className="text-2xl font-semibold tracking-tight">
              Featured courses
            </h2>
            <p className="mt-1 text-slate-600">Hand-picked by our instructors to start with.</p>
            <div className="mt-6">
              <CourseGrid courses={featured} currency={currency} labelledBy="featured-heading" />
            </div>
          </section>
        ) : null}

        {newest.length > 0 ? (
          <section id="courses" aria-labelledby="newest-heading">
            <div className="flex flex-wrap items-end justify-between gap-3">
              <div>
                <h2 id="newest-heading" className="text-2xl font-semibold tracking-tight">
                  New in the catalog
                </h2>
                <p className="mt-1 text-slate-600">The latest courses our instructors have published.</p>
              </div>
              <Link
                href="/courses?sort=newest"
                className="rounded font-medium text-brand-700 underline-offset-4 hover:underline"
              >
                Browse all courses <span aria-hidden="true">→</span>
              </Link>
            </div>
            <div className="mt-6">
              <CourseGrid courses={newest} currency={currency} labelledBy="newest-heading" />
            </div>
          </section>
        ) : !empty ? (
          <p id="courses">
            <Link href="/courses" className="font-medium text-brand-700 underline-offset-4 hover:underline">
              Browse the whole catalog <span aria-hidden="true">→</span>
            </Link>
          </p>
        ) : null}

        <section
          aria-labelledby="why-heading"
          className="rounded-2xl border border-slate-200 bg-white p-6 sm:p-8"
        >
          <h2 id="why-heading" className="text-xl font-semibold">
            Why learn here
          </h2>
          <ul className="mt-4 grid gap-6 sm:grid-cols-3" role="list">
            {PROMISES.map((p) => (
              <li key={p.title}>
                <p className="font-medium text-slate-900">{p.title}</p>
                <p className="mt-1 text-sm text-slate-600">{p.text}</p>
              </li>
            ))}
          </ul>
        </section>
      </Container>
    </>
  );
}
