/**
 * The completion rule (docs/decisions.md): floor(completed × 100 / total), 0 for a course without lessons,
 * so 100 means every lesson is done.
 */
export function completionPercentage(completed: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(100, Math.floor((completed * 100) / Math.max(total, 1)));
}
