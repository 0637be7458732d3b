/** Money is integer cents of one ISO 4217 currency. */
export function formatPrice(cents: number, currency: string, locale = "en-US"): string {
  if (cents === 0) return "Free";
  return new Intl.NumberFormat(locale, { style: "currency", currency }).format(cents / 100);
}

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

/** An amount of cents as money, zero included ("$0.00"): for ranges and filters, where "Free" would read oddly. */
export function formatMoney(cents: number, currency: string, locale = "en-US"): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency }).format(cents / 100);
}

/** The currency's symbol in this locale: USD → "$", EUR → "€", CHF → "CHF". */
export function currencySymbol(currency: string, locale = "en-US"): string {
  const parts = new Intl.NumberFormat(locale, { style: "currency", currency }).formatToParts(0);
  return parts.find((p) => p.type === "currency")?.value ?? currency;
}
