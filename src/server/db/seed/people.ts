/**
 * The demo's people. Stable addresses on example.com (listed in the README); each one shows something.
 * `history` says what each student has done: per course, the status and how many lessons they completed.
 */

export type DemoRole = "STUDENT" | "INSTRUCTOR" | "ADMIN";

export interface DemoPerson {
  key: string;
  email: string;
  name: string;
  role: DemoRole;
  bio: string;
  /** Instructors: which catalogue `instructorKey` they are. */
  instructorKey?: "ada" | "alan";
}

export const demoPeople: DemoPerson[] = [
  { key: "admin", email: "admin@example.com", name: "Avery Morgan", role: "ADMIN", bio: "runs the platform" },
  {
    key: "ada",
    email: "ada@example.com",
    name: "Ada Lindqvist",
    role: "INSTRUCTOR",
    bio: "teaches AI Foundations and Prompt Engineering",
    instructorKey: "ada",
  },
  {
    key: "alan",
    email: "alan@example.com",
    name: "Alan Osei",
    role: "INSTRUCTOR",
    bio: "teaches Machine Learning with Python and Building LLM Applications",
    instructorKey: "alan",
  },
  {
    key: "maya",
    email: "maya@example.com",
    name: "Maya Chen",
    role: "STUDENT",
    bio: "finished two courses, holds two certificates, is halfway through a third",
  },
  {
    key: "sam",
    email: "sam@example.com",
    name: "Sam Rivera",
    role: "STUDENT",
    bio: "learning two courses, one free and one paid",
  },
  {
    key: "leo",
    email: "leo@example.com",
    name: "Leo Novak",
    role: "STUDENT",
    bio: "one suspended enrollment and one refunded purchase",
  },
  {
    key: "priya",
    email: "priya@example.com",
    name: "Priya Raman",
    role: "STUDENT",
    bio: "one certificate, deep into a paid course",
  },
  {
    key: "nia",
    email: "nia@example.com",
    name: "Nia Okafor",
    role: "STUDENT",
    bio: "a brand-new student with no enrollments yet",
  },
  // A cohort of classmates whose progress and reviews fill the courses.
  { key: "jonas", email: "jonas@example.com", name: "Jonas Weber", role: "STUDENT", bio: "classmate" },
  { key: "lucia", email: "lucia@example.com", name: "Lucía Fernández", role: "STUDENT", bio: "classmate" },
  { key: "kenji", email: "kenji@example.com", name: "Kenji Watanabe", role: "STUDENT", bio: "classmate" },
  { key: "amara", email: "amara@example.com", name: "Amara Diallo", role: "STUDENT", bio: "classmate" },
  { key: "olivia", email: "olivia@example.com", name: "Olivia Brown", role: "STUDENT", bio: "classmate" },
  { key: "mateo", email: "mateo@example.com", name: "Mateo Rossi", role: "STUDENT", bio: "classmate" },
];

export type DemoStatus = "ACTIVE" | "COMPLETED" | "SUSPENDED" | "REFUNDED";

export interface DemoEnrollment {
  person: string;
  course: string;
  status: DemoStatus;
  /** Lessons completed, in syllabus order; "all" for every lesson. */
  completed: number | "all";
  /** Enrolled this many days ago. */
  daysAgo: number;
  /** Index into the course's review texts, if this student reviewed the course. */
  review?: number;
}

const FOUNDATIONS = "ai-foundations";
const PROMPTS = "prompt-engineering";
const ML = "machine-learning-with-python";
const LLM = "building-llm-applications";

export const demoEnrollments: DemoEnrollment[] = [
  { person: "maya", course: FOUNDATIONS, status: "COMPLETED", completed: "all", daysAgo: 150, review: 0 },
  { person: "maya", course: PROMPTS, status: "COMPLETED", completed: "all", daysAgo: 95, review: 0 },
  { person: "maya", course: ML, status: "ACTIVE", completed: 6, daysAgo: 30 },
  { person: "sam", course: FOUNDATIONS, status: "ACTIVE", completed: 5, daysAgo: 40, review: 2 },
  { person: "sam", course: LLM, status: "ACTIVE", completed: 2, daysAgo: 12 },
  { person: "leo", course: PROMPTS, status: "SUSPENDED", completed: 3, daysAgo: 70 },
  { person: "leo", course: ML, status: "REFUNDED", completed: 1, daysAgo: 45 },
  { person: "priya", course: FOUNDATIONS, status: "COMPLETED", completed: "all", daysAgo: 120, review: 1 },
  { person: "priya", course: PROMPTS, status: "ACTIVE", completed: 9, daysAgo: 50, review: 1 },
  { person: "jonas", course: FOUNDATIONS, status: "ACTIVE", completed: 8, daysAgo: 60, review: 3 },
  { person: "jonas", course: ML, status: "COMPLETED", completed: "all", daysAgo: 70, review: 0 },
  { person: "lucia", course: FOUNDATIONS, status: "ACTIVE", completed: 3, daysAgo: 25, review: 4 },
  { person: "lucia", course: LLM, status: "ACTIVE", completed: 7, daysAgo: 30, review: 0 },
  { person: "kenji", course: PROMPTS, status: "COMPLETED", completed: "all", daysAgo: 100, review: 2 },
  { person: "kenji", course: ML, status: "ACTIVE", completed: 10, daysAgo: 55, review: 1 },
  { person: "kenji", course: LLM, status: "ACTIVE", completed: 4, daysAgo: 20, review: 1 },
  { person: "amara", course: PROMPTS, status: "ACTIVE", completed: 6, daysAgo: 35, review: 3 },
  { person: "amara", course: ML, status: "ACTIVE", completed: 4, daysAgo: 28, review: 2 },
  { person: "olivia", course: ML, status: "ACTIVE", completed: 2, daysAgo: 15, review: 3 },
  { person: "olivia", course: LLM, status: "COMPLETED", completed: "all", daysAgo: 33, review: 2 },
  { person: "mateo", course: PROMPTS, status: "ACTIVE", completed: 11, daysAgo: 45, review: 4 },
  { person: "mateo", course: LLM, status: "ACTIVE", completed: 5, daysAgo: 18, review: 3 },
];
