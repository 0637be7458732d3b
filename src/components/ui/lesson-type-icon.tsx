/**
 * Lesson-type icons drawn by the platform itself (inline SVG, no font or emoji needed): every system shows
 * them. Decorative: the type is always written beside them.
 */
const PATHS: Record<string, string> = {
  // A page with lines.
  TEXT: "M6 3h8l4 4v14H6z M14 3v4h4 M9 12h6 M9 16h6",
  // A play triangle in a frame.
  VIDEO: "M4 5h16v14H4z M10 9l5 3-5 3z",
  // Angle brackets: code.
  INTERACTIVE: "M9 8l-4 4 4 4 M15 8l4 4-4 4",
  // A pencil.
  ASSIGNMENT: "M4 20h4L19 9l-4-4L4 16z M13 7l4 4",
  // A check inside a circle: a question answered.
  QUIZ: "M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18z M8 12l3 3 5-6",
};

/** A decorative line icon drawn with the current text colour. */
function LineIcon({
  d,
  className,
  strokeWidth,
  ...data
}: {
  d: string;
  className: string;
  strokeWidth: number;
}) {
  return (
    <svg
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
      className={className}
      fill="none"
      stroke="currentColor"
      strokeWidth={strokeWidth}
      strokeLinecap="round"
      strokeLinejoin="round"
      {...data}
    >
      <path d={d} />
    </svg>
  );
}

export function LessonTypeIcon({ type, className = "h-4 w-4" }: { type: string; className?: string }) {
  return (
    <LineIcon
      d={PATHS[type] ?? PATHS.TEXT!}
      className={className}
      strokeWidth={1.8}
      data-lesson-type={type}
    />
  );
}

/** A check mark drawn by the platform (completed lessons, learning objectives). Decorative. */
export function CheckIcon({ className = "h-3 w-3" }: { className?: string }) {
  return <LineIcon d="M5 12l5 5 9-10" className={className} strokeWidth={3} />;
}

/** A padlock: a module that opens later (scheduled release). */
export function LockIcon({ className = "h-3 w-3" }: { className?: string }) {
  return <LineIcon d="M6 11h12v10H6zM8 11V7a4 4 0 0 1 8 0v4" className={className} strokeWidth={2} />;
}

/** A chevron pointing down: a control that unfolds something (rotate it when open). Decorative. */
export function ChevronIcon({ className = "h-4 w-4" }: { className?: string }) {
  return <LineIcon d="M6 9l6 6 6-6" className={className} strokeWidth={2} />;
}

/** A cross: something that failed or is not there. Decorative. */
export function CrossIcon({ className = "h-3 w-3" }: { className?: string }) {
  return <LineIcon d="M6 6l12 12M18 6L6 18" className={className} strokeWidth={3} />;
}
