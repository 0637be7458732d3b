import type { Metadata } from "next";
import Link from "next/link";
import { CourseForm } from "@/components/authoring/course-form";
import { currencySymbol, toMajorUnits } from "@/lib/money";
import { getEnv } from "@/server/env";
import { checkSlugAction, saveCourseAction } from "../../actions";

export const metadata: Metadata = { title: "New course", robots: { index: false } };

export default function NewCoursePage() {
  const { currency } = getEnv();
  return (
    <div className="max-w-3xl">
      <Link href="/instructor" className="text-sm font-medium text-brand-700 hover:underline">
        ← My courses
      </Link>
      <h1 className="mt-2 text-3xl font-bold tracking-tight">New course</h1>
      <p className="mt-2 text-slate-600">
        It starts as a draft that only you (and admins) can see. Add modules and lessons next, then publish.
      </p>
      <div className="mt-6 rounded-2xl border border-slate-200 bg-white p-5 sm:p-6">
        <CourseForm
          currency={currency}
          currencySymbol={currencySymbol(currency)}
          actions={{ save: saveCourseAction, checkSlug: checkSlugAction }}
          slugLocked={false}
          values={{
            title: "",
            slug: "",
            description: "",
            price: toMajorUnits(0, currency),
            difficulty: "BEGINNER",
            imageUrl: "",
            metaTitle: "",
            metaDescription: "",
            learningObjectives: [],
            prerequisites: [],
          }}
        />
      </div>
    </div>
  );
}
