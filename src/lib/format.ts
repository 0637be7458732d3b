/** Money lives in ./money (minor units of the currency); re-exported for the pages that import it here. */
export { currencySymbol, formatMoney, formatPrice } from "./money";

/** 0 → "0 min", 45 → "45 min", 60 → "1 h", 135 → "2 h 15 min". */
export function formatDuration(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  const h = Math.floor(m / 60);
  const rest = m % 60;
  if (h === 0) return `${rest} min`;
  return rest === 0 ? `${h} h` : `${h} h ${rest} min`;
}

const DIFFICULTY_LABEL: Record<string, string> = {
  BEGINNER: "Beginner",
  INTERMEDIATE: "Intermediate",
  ADVANCED: "Advanced",
  EXPERT: "Expert",
};

export const formatDifficulty = (d: string) => DIFFICULTY_LABEL[d] ?? d;

const LESSON_TYPE_LABEL: Record<string, string> = {
  TEXT: "Reading",
  VIDEO: "Video",
  INTERACTIVE: "Interactive",
  ASSIGNMENT: "Assignment",
  QUIZ: "Quiz",
};

export const formatLessonType = (t: string) => LESSON_TYPE_LABEL[t] ?? t;

/** "1 lesson", "3 lessons": a count with its noun (regular English plurals only). */
export const countOf = (n: number, noun: string) => `${n} ${n === 1 ? noun : `${noun}s`}`;
