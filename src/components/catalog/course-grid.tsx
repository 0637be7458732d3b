import { CourseCard, type CourseCardView } from "./course-card";

/** Courses as a responsive grid of cards: one column on a phone, two on a tablet, three on a desktop. */
export function CourseGrid({
  courses,
  currency,
  labelledBy,
}: {
  courses: (CourseCardView & { id: string })[];
  currency: string;
  labelledBy?: string;
}) {
  return (
    <ul className="grid gap-6 sm:grid-cols-2 lg:grid-cols-3" role="list" aria-labelledby={labelledBy}>
      {courses.map((course) => (
        <li key={course.id} className="flex">
          <div className="w-full">
            <CourseCard course={course} currency={currency} />
          </div>
        </li>
      ))}
    </ul>
  );
}
