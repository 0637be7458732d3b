import { pgEnum } from "drizzle-orm/pg-core";

// Values in the founding document's order.
export const userRole = pgEnum("user_role", ["STUDENT", "INSTRUCTOR", "ADMIN"]);
export const difficultyEnum = pgEnum("difficulty_enum", ["BEGINNER", "INTERMEDIATE", "ADVANCED", "EXPERT"]);
export const enrollmentStatus = pgEnum("enrollment_status", ["ACTIVE", "COMPLETED", "SUSPENDED", "REFUNDED"]);
export const lessonTypeEnum = pgEnum("lesson_type_enum", [
  "TEXT",
  "VIDEO",
  "INTERACTIVE",
  "ASSIGNMENT",
  "QUIZ",
]);
export const paymentStatus = pgEnum("payment_status", ["PENDING", "COMPLETED", "FAILED", "REFUNDED"]);
// Not in the document: a course's instructors (docs/decisions.md, "Course ownership").
export const courseInstructorRole = pgEnum("course_instructor_role", ["OWNER", "INSTRUCTOR"]);
// Not in the document (migration 0010): why a SUSPENDED enrollment is closed, and a payment's dispute
// (docs/decisions.md, "Payments": disputes).
export const suspensionReason = pgEnum("suspension_reason", ["ADMIN", "DISPUTE"]);
export const paymentDisputeStatus = pgEnum("payment_dispute_status", ["OPEN", "WON", "LOST"]);
// Not in the document (migration 0013): quizzes (docs/decisions.md, "Quizzes").
export const quizQuestionType = pgEnum("quiz_question_type", [
  "single",
  "true_false",
  "multiple",
  "short_text",
  "numeric",
]);
export const quizReveal = pgEnum("quiz_reveal", ["after_passing", "after_each_attempt"]);
// Not in the document (migration 0014): assignments (docs/decisions.md, "Assignments").
export const submissionState = pgEnum("submission_state", [
  "DRAFT",
  "SUBMITTED",
  "IN_REVIEW",
  "NEEDS_REVISION",
  "PASSED",
]);
export const reviewDecision = pgEnum("review_decision", ["PASS", "NEEDS_REVISION"]);

export type UserRole = (typeof userRole.enumValues)[number];
export type Difficulty = (typeof difficultyEnum.enumValues)[number];
export type EnrollmentStatus = (typeof enrollmentStatus.enumValues)[number];
export type LessonType = (typeof lessonTypeEnum.enumValues)[number];
export type PaymentStatus = (typeof paymentStatus.enumValues)[number];
export type CourseInstructorRole = (typeof courseInstructorRole.enumValues)[number];
export type SuspensionReason = (typeof suspensionReason.enumValues)[number];
export type PaymentDisputeStatus = (typeof paymentDisputeStatus.enumValues)[number];
export type QuizQuestionType = (typeof quizQuestionType.enumValues)[number];
export type QuizReveal = (typeof quizReveal.enumValues)[number];
export type SubmissionState = (typeof submissionState.enumValues)[number];

/** Not in the document (migration 0016): the language an exercise runs in, in the student's browser. */
export const exerciseLanguage = pgEnum("exercise_language", ["python", "javascript"]);

/**
 * Not in the document (migration 0017): a coupon's use by one checkout. RESERVED while the checkout is open,
 * COMPLETED once paid (a refund does not give it back), RELEASED when the checkout failed, expired or was
 * cancelled.
 */
export const couponRedemptionStatus = pgEnum("coupon_redemption_status", [
  "RESERVED",
  "COMPLETED",
  "RELEASED",
]);
export type CouponRedemptionStatus = (typeof couponRedemptionStatus.enumValues)[number];

/** Not in the document (migration 0019): when a module opens to an enrolled student (scheduled release). */
export const moduleRelease = pgEnum("module_release", ["immediate", "after_days", "on_date"]);
export type ModuleRelease = (typeof moduleRelease.enumValues)[number];
