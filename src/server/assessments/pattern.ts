import { RE2 } from "re2-wasm";

/**
 * Short-text patterns run on RE2 (WebAssembly): matching is linear in the answer's length whatever the pattern,
 * so an author's pattern cannot hang the server on a student's answer (no backtracking, no lookaround or
 * backreferences — RE2 refuses them at save). A pattern matches the whole trimmed answer; `(?i)` makes it
 * case-insensitive.
 */
const cache = new Map<string, RE2 | null>();
const CACHE_MAX = 500;

export type CompiledPattern = { ok: true; regex: RE2 } | { ok: false; message: string };

export function compilePattern(pattern: string): CompiledPattern {
  const hit = cache.get(pattern);
  if (hit) return { ok: true, regex: hit };
  try {
    new RE2(pattern, "u"); // alone first: a pattern like "a)|(b" must not escape the anchoring group
    const regex = new RE2(`^(?:${pattern})$`, "u");
    if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
    cache.set(pattern, regex);
    return { ok: true, regex };
  } catch (e) {
    const message =
      e instanceof Error ? e.message.replace(/^Invalid regular expression: \/.*\/u: /s, "") : "invalid";
    return { ok: false, message: message.slice(0, 200) };
  }
}

/** Whether a saved pattern matches a text; an invalid pattern (refused at save) matches nothing. */
export function matchesPattern(pattern: string, text: string): boolean {
  const compiled = compilePattern(pattern);
  return compiled.ok && compiled.regex.test(text);
}
