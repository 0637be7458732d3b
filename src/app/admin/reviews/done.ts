/** What a moderation decision did, said at the top of the list it ends on. */
export const MODERATION_DONE = {
  hidden: "Review hidden; its author was e-mailed the reason. The report moved to Handled.",
  removed: "Review removed; the audit log keeps what it said.",
  dismissed: "Report dismissed: the review stays as it is. The report moved to Handled.",
  restored: "Review restored: it is on the course page and in the rating again.",
} as const;

export type ModerationDone = keyof typeof MODERATION_DONE;

export const isModerationDone = (v: unknown): v is ModerationDone =>
  typeof v === "string" && Object.hasOwn(MODERATION_DONE, v);
