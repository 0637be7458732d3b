import { z } from "zod";

/** The database's slug rule (courses_slug_url_safe): lower-case words of letters and digits joined by hyphens. */
export const SLUG_REGEX = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const ZSlug = z
  .string()
  .min(1)
  .max(200)
  .regex(SLUG_REGEX, "Use lower-case letters and digits joined by single hyphens.");

/** "Prompt Engineering 101!" → "prompt-engineering-101" */
export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/g, "");
}
