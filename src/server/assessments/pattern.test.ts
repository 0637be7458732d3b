import { describe, expect, it } from "vitest";
import { compilePattern, matchesPattern } from "./pattern";
import { MAX_TEXT_ANSWER, ZQuizSave } from "./quiz-schemas";

/** Milliseconds `run` takes. */
function timed(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

describe("compilePattern", () => {
  it("compiles a valid pattern", () => {
    const compiled = compilePattern("colou?r");
    expect(compiled.ok).toBe(true);
    expect(matchesPattern("colou?r", "colour")).toBe(true);
  });

  it("gives the same verdict for the same source (from its cache)", () => {
    expect(compilePattern("[0-9]+ (m|km)")).toEqual(compilePattern("[0-9]+ (m|km)"));
    expect(compilePattern("(ab")).toEqual(compilePattern("(ab"));
  });

  it.each([
    ["a lookahead", "(?=a)a", /invalid perl operator: \(\?=/],
    ["a negative lookahead", "(?!b)a", /invalid perl operator: \(\?!/],
    ["a lookbehind", "(?<=a)b", /invalid perl operator: \(\?</],
    ["a negative lookbehind", "(?<!a)b", /invalid perl operator: \(\?</],
    ["a numbered backreference", "(a)\\1", /invalid escape sequence: \\1/],
    ["a named backreference", "(?P<n>a)\\k<n>", /invalid escape sequence: \\k/],
    ["an atomic group", "(?>a+)b", /invalid perl operator/],
    ["a possessive quantifier", "a++b", /bad repetition operator/],
    ["an unclosed class", "[a-z", /missing \]/],
    ["an unclosed group", "(ab", /missing \)/],
    ["a repetition over the platform's bound", "a{51}", /counted repetitions go up to 50/],
    ["nested repetitions multiplying past it", "(a{8}){8}", /counted repetitions go up to 50/],
    ["a JavaScript-style group name (RE2 writes (?P<name>…))", "(?<x>a)", /invalid perl operator: \(\?</],
  ])(
    "refuses %s with RE2's reason, without the 'Invalid regular expression' prefix",
    (_, pattern, reason) => {
      const compiled = compilePattern(pattern);
      expect(compiled.ok).toBe(false);
      if (compiled.ok) return;
      expect(compiled.message).toMatch(reason);
      expect(compiled.message).not.toMatch(/^Invalid regular expression/);
      expect(compiled.message.length).toBeLessThanOrEqual(200);
    },
  );

  it("refuses a pattern written to close the anchoring group, like a)|(b", () => {
    for (const pattern of ["a)|(b", "a)|.*|(b", ")|(", "x)|(?:y", "a$)|(^b"]) {
      expect(compilePattern(pattern).ok, pattern).toBe(false);
    }
  });

  it("accepts the empty pattern (which only an empty answer could match)", () => {
    expect(compilePattern("").ok).toBe(true);
    expect(matchesPattern("", "")).toBe(true);
    expect(matchesPattern("", "a")).toBe(false);
  });

  it("keeps working after more distinct patterns than the cache holds", () => {
    for (let i = 0; i < 600; i++) expect(matchesPattern(`item-${i}`, `item-${i}`)).toBe(true);
    expect(matchesPattern("item-0", "item-0")).toBe(true);
    expect(matchesPattern("item-0", "item-1")).toBe(false);
  });
});

describe("matchesPattern", () => {
  it("matches the whole text, never a part of it", () => {
    expect(matchesPattern("cat", "cat")).toBe(true);
    for (const text of ["cats", "a cat", "concatenate", "ca"])
      expect(matchesPattern("cat", text), text).toBe(false);
  });

  it("anchors every alternative: cat|dog matches neither 'cats' nor 'hotdog'", () => {
    expect(matchesPattern("cat|dog", "cat")).toBe(true);
    expect(matchesPattern("cat|dog", "dog")).toBe(true);
    expect(matchesPattern("cat|dog", "cats")).toBe(false);
    expect(matchesPattern("cat|dog", "hotdog")).toBe(false);
    expect(matchesPattern("cat|dog", "catdog")).toBe(false);
  });

  it("lets no a)|(b style pattern escape the anchoring: a refused pattern matches nothing", () => {
    for (const text of ["a", "b", "xa", "bx", "a)|(b", "anything"]) {
      expect(matchesPattern("a)|(b", text), text).toBe(false);
      expect(matchesPattern("a)|.*|(b", text), text).toBe(false);
    }
  });

  it("keeps inline flags inside the anchoring: (?m) cannot make $ match at a line end", () => {
    expect(matchesPattern("(?m)a", "a\nb")).toBe(false);
    expect(matchesPattern("(?m)a$", "a\nb")).toBe(false);
    expect(matchesPattern("(?s)a.*", "a\nb")).toBe(true);
    expect(matchesPattern("a.*", "a\nb")).toBe(false);
  });

  it("is case-sensitive by default and case-insensitive with (?i)", () => {
    expect(matchesPattern("Paris", "paris")).toBe(false);
    expect(matchesPattern("(?i)Paris", "pARIS")).toBe(true);
    expect(matchesPattern("(?i)colou?r", "COLOR")).toBe(true);
    expect(matchesPattern("a(?i)b", "aB")).toBe(true);
    expect(matchesPattern("a(?i)b", "AB")).toBe(false);
  });

  it("works on unicode answers: accents, other scripts, astral characters, \\p{…} classes and \\u escapes", () => {
    expect(matchesPattern("café|日本", "café")).toBe(true);
    expect(matchesPattern("café|日本", "日本")).toBe(true);
    expect(matchesPattern("café|日本", "日本語")).toBe(false);
    expect(matchesPattern("(?i)été", "ÉTÉ")).toBe(true);
    expect(matchesPattern("(?i)σοφία", "ΣΟΦΊΑ")).toBe(true);
    expect(matchesPattern("\\p{L}+", "Ελληνικά")).toBe(true);
    expect(matchesPattern("\\p{L}+", "abc1")).toBe(false);
    expect(matchesPattern(".", "😀")).toBe(true);
    expect(matchesPattern("..", "😀")).toBe(false);
    expect(matchesPattern("caf\\x{e9}", "café")).toBe(true);
    expect(matchesPattern("\\x{1F600}", "😀")).toBe(true);
  });

  it("supports the usual RE2 syntax: classes, counted repetition, word boundaries, escapes, a literal slash", () => {
    expect(matchesPattern("\\d{4}-\\d{2}", "2024-05")).toBe(true);
    expect(matchesPattern("\\d{4}-\\d{2}", "2024-5")).toBe(false);
    expect(matchesPattern("[[:alpha:]]+ \\w+", "abc d_1")).toBe(true);
    expect(matchesPattern("\\bO\\(n\\)", "O(n)")).toBe(true);
    expect(matchesPattern("1/2|one half", "1/2")).toBe(true);
    expect(matchesPattern("(?P<unit>m|km)", "km")).toBe(true);
    expect(matchesPattern("\\Q1+1\\E=2", "1+1=2")).toBe(true);
  });

  it("matches nothing for a pattern that does not compile, without throwing", () => {
    expect(matchesPattern("(?=a)a", "a")).toBe(false);
    expect(matchesPattern("(a)\\1", "aa")).toBe(false);
    expect(matchesPattern("[", "[")).toBe(false);
  });

  it("runs in linear time: (a+)+$ against 'aaaa…b' returns at once", () => {
    const evil = "a".repeat(100_000) + "b";
    let result = true;
    const ms = timed(() => {
      result = matchesPattern("(a+)+$", evil);
    });
    expect(result).toBe(false);
    expect(ms).toBeLessThan(500);
    expect(matchesPattern("(a+)+$", "aaaa")).toBe(true);
  });

  it("runs other classic catastrophic-backtracking patterns on a maximal answer at once", () => {
    const answer = "a".repeat(MAX_TEXT_ANSWER - 1) + "!";
    const patterns = ["(a|a)*b", "(a*)*b", "(a|aa)+$", "(.*a){20}b", "(\\w+\\s?)+$", "^(a+)+$", "(x+x+)+y"];
    let results: boolean[] = [];
    const ms = timed(() => {
      results = patterns.map((p) => matchesPattern(p, answer));
    });
    expect(results).toEqual(patterns.map(() => false));
    expect(ms).toBeLessThan(500);
  });

  it("handles a 500-character answer against a 200-character pattern quickly", () => {
    const pattern = ("(?:[a-z]+\\s?)*" + "|x".repeat(93)).slice(0, 200);
    expect(pattern.length).toBe(200);
    const answer = "lorem ipsum ".repeat(41).slice(0, MAX_TEXT_ANSWER - 1) + "!";
    let result = true;
    const ms = timed(() => {
      for (let i = 0; i < 100; i++) result = matchesPattern(pattern, answer);
    });
    expect(result).toBe(false);
    expect(ms).toBeLessThan(500);
  });
});

describe("re2-wasm heap", () => {
  // Runs last in this file: when it fails it leaves re2-wasm's heap exhausted for the rest of the process.
  it("refuses patterns too large for the engine's heap (\\pL{1000}) at save, and valid patterns keep working afterwards", () => {
    expect(matchesPattern("[a-z]+", "abc")).toBe(true); // compiled and cached before the save
    const question = {
      type: "short_text",
      prompt: "Name it",
      acceptedAnswers: ["x"],
      pattern: "\\pL{1000}",
    } as const;
    const save = ZQuizSave.safeParse({
      version: 0,
      settings: {},
      questions: Array.from({ length: 30 }, () => question),
    });
    expect(save.success).toBe(false);
    const reason = save.error?.issues[0]?.message ?? "";
    expect
      .soft(reason, "the author is told why in words, not the WASM abort")
      .not.toMatch(/Cannot enlarge memory/);

    // The save was refused, but the server must keep working for everyone else:
    const after = compilePattern("colou?r");
    expect.soft(after.ok ? "ok" : after.message, "a valid pattern still compiles").toBe("ok");
    let cached: unknown;
    try {
      cached = matchesPattern("[a-z]+", "abc");
    } catch (e) {
      cached = e;
    }
    expect(cached, "a cached pattern still matches (and does not throw)").toBe(true);
  });
});
