import { createRequire } from "node:module";
import path from "node:path";

/**
 * Short-text patterns run on RE2 (re2-wasm, WebAssembly): matching is linear in the answer's length whatever
 * the pattern, so an author's pattern cannot hang the server on a student's answer (no backtracking; RE2
 * refuses lookaround and backreferences at save). A pattern matches the whole trimmed answer; `(?i)` makes it
 * case-insensitive.
 *
 * The WebAssembly module has a fixed 16 MB heap and compiled expressions live in it until deleted, so this
 * module owns their lifetime: a bounded cache that deletes what it evicts, the syntax check deleted at once,
 * invalid patterns remembered (not recompiled), counted repetitions bounded before compiling (`\pL{1000}`
 * alone needs more than the heap), and a heap exhausted anyway (RuntimeError) answered by loading a fresh
 * module instance rather than failing every later answer.
 */

interface Wrapped {
  ok(): boolean;
  error(): string;
  match(input: string, start: number, groups: boolean): { index: number };
  delete(): void;
}
type WrappedCtor = new (pattern: string, ignoreCase: boolean, multiline: boolean, dotAll: boolean) => Wrapped;

// Resolved at run time by Node itself (never bundled): the module is reloaded from a fresh require.
const nodeRequire = createRequire(path.join(process.cwd(), "package.json"));
const ENGINE_ID = "re2-wasm/build/wasm/re2.js";
let engine: WrappedCtor | null = null;

function loadEngine(): WrappedCtor {
  const id = nodeRequire.resolve(ENGINE_ID);
  delete nodeRequire.cache[id];
  return (nodeRequire(id) as { WrappedRE2: WrappedCtor }).WrappedRE2;
}

const CACHE_MAX = 200;
const compiled = new Map<string, Wrapped>();
const invalid = new Map<string, string>();

/** The product of every counted repetition's largest bound stays at or under this (nesting multiplies). */
export const MAX_REPETITION = 50;

function resetEngine() {
  compiled.clear(); // their memory went with the old instance
  engine = null;
}

export type CompiledPattern = { ok: true } | { ok: false; message: string };

function repetitionProduct(pattern: string): number {
  let product = 1;
  for (const m of pattern.matchAll(/(?<!\\)\{(\d+)(?:,(\d*))?\}/g)) {
    const bound = Math.max(Number(m[1]), m[2] ? Number(m[2]) : 0);
    product *= Math.max(1, bound);
    if (product > 1e6) break;
  }
  return product;
}

function compile(pattern: string): Wrapped | string {
  const cached = compiled.get(pattern);
  if (cached) {
    compiled.delete(pattern);
    compiled.set(pattern, cached);
    return cached;
  }
  const known = invalid.get(pattern);
  if (known) return known;
  let message: string | null = null;
  if (repetitionProduct(pattern) > MAX_REPETITION) {
    message = `counted repetitions go up to ${MAX_REPETITION} in all (for example {2,30})`;
  } else {
    try {
      engine ??= loadEngine();
      // Alone first: a pattern like "a)|(b" must not escape the anchoring group.
      const bare = new engine(pattern, false, false, false);
      const ok = bare.ok();
      if (!ok) message = bare.error();
      bare.delete();
      if (ok) {
        const anchored = new engine(`^(?:${pattern})$`, false, false, false);
        if (!anchored.ok()) {
          message = anchored.error();
          anchored.delete();
        } else {
          if (compiled.size >= CACHE_MAX) {
            const [oldest, old] = compiled.entries().next().value!;
            compiled.delete(oldest);
            old.delete();
          }
          compiled.set(pattern, anchored);
          return anchored;
        }
      }
    } catch {
      resetEngine();
      message = "this pattern is too large to evaluate";
    }
  }
  if (invalid.size >= CACHE_MAX) invalid.delete(invalid.keys().next().value!);
  invalid.set(pattern, message!.slice(0, 200));
  return invalid.get(pattern)!;
}

/** Whether a pattern can be saved; the message says what is wrong when not. */
export function compilePattern(pattern: string): CompiledPattern {
  const result = compile(pattern);
  return typeof result === "string" ? { ok: false, message: result } : { ok: true };
}

/** Whether a saved pattern matches a text; an invalid pattern (refused at save) matches nothing. */
export function matchesPattern(pattern: string, text: string): boolean {
  const result = compile(pattern);
  if (typeof result === "string") return false;
  try {
    return result.match(text, 0, false).index === 0;
  } catch {
    resetEngine();
    const again = compile(pattern);
    return typeof again !== "string" && again.match(text, 0, false).index === 0;
  }
}
