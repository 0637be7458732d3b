import { describe, expect, it } from "vitest";
import { JsonSyntaxChecker, JsonSyntaxError, type JsonSyntaxCheckerOptions } from "./json-check";

type Outcome = { ok: true } | { ok: false; message: string; offset: number };

/** Feeds the pieces then ends; what the checker said. */
function check(pieces: readonly string[], opts?: JsonSyntaxCheckerOptions): Outcome {
  const checker = new JsonSyntaxChecker(opts);
  try {
    for (const piece of pieces) checker.push(piece);
    checker.end();
    return { ok: true };
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    return { ok: false, message: e.message, offset: e.offset };
  }
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Every way the tests feed `text`: whole, split in two at every position, one character at a time. */
function feedings(text: string): string[][] {
  const out: string[][] = [[text]];
  for (let k = 0; k <= text.length; k++) out.push([text.slice(0, k), text.slice(k)]);
  out.push(Array.from({ length: text.length }, (_, k) => text[k] as string));
  return out;
}

/** Checks `text` every way; all must give the same outcome (same message and offset for errors). */
function checkEveryWay(text: string, opts?: JsonSyntaxCheckerOptions): Outcome {
  const whole = check([text], opts);
  for (const pieces of feedings(text)) {
    const outcome = check(pieces, opts);
    if (JSON.stringify(outcome) !== JSON.stringify(whole)) {
      expect.fail(
        `${JSON.stringify(text)} split as ${JSON.stringify(pieces)}: ${JSON.stringify(outcome)}, ` +
          `whole: ${JSON.stringify(whole)}`,
      );
    }
  }
  return whole;
}

const VALID = [
  "0",
  "-0",
  "1",
  "-1",
  "123456789",
  "0.5",
  "-0.5",
  "0.5e-10",
  "1E+2",
  "1e2",
  "1e-0",
  "-12.340e+0012",
  "0E0",
  "true",
  "false",
  "null",
  '""',
  '"abc"',
  '"a\\"b\\\\c\\/d\\be\\ff\\ng\\rh\\ti"',
  '"\\u0041\\u00e9\\u00E9\\uD83D\\uDE00"',
  '"\\ud800"',
  '"é ü ☃ 😀 \u2028 \u007f"',
  "[]",
  "{}",
  "[1]",
  "[1,2,3]",
  '{"a":1}',
  '{"a":1,"b":[true,false,null],"c":{"d":"e"}}',
  " \t\r\n[ 1 , 2 ] \n",
  '{ "a" : { "b" : [ [ ] , { } , [ { } ] ] } }',
  "[[[[[[[[[[]]]]]]]]]]",
  '[{"":""},[[1.5e3,-0,"\\u12ab"]],{"x":{"y":{"z":[null]}}}]',
  '{"a":1,"a":2}',
  "[-1,0,1e1,2E-2,3.0]",
  '"[1,2}"',
  '"{\\"not\\": \\"parsed\\"}"',
  "[".repeat(300) + "]".repeat(300),
  '{"a":'.repeat(200) + "0" + "}".repeat(200),
  JSON.stringify({
    cells: [{ cell_type: "code", source: ["print('hi')\n", 'x = "\\t"\n'], outputs: [], execution_count: 1 }],
    metadata: { kernelspec: { name: "python3" }, weird: '\u0000\u001f\b\f\n\r\t"\\/😀' },
    nbformat: 4,
    nbformat_minor: 5,
  }),
];

const INVALID = [
  "",
  "   ",
  "\n\t\r ",
  "01",
  "-01",
  "00",
  "1.",
  "1.e5",
  ".5",
  "+1",
  "-",
  "-a",
  "1e",
  "1e+",
  "1E-x",
  "0x10",
  "1.5.5",
  "--1",
  "[1,]",
  "[,1]",
  "[1,,2]",
  "[1 2]",
  "[",
  "]",
  "[1",
  "[1,",
  '{"a":1,}',
  '{"a" 1}',
  '{"a":}',
  '{"a"}',
  "{a:1}",
  "{'a':1}",
  '{"a":1',
  '{"a":1 "b":2}',
  "{,}",
  '{"a":1]',
  "[1}",
  '"\\x"',
  '"\\u12G4"',
  '"\\u12"',
  '"\\u"',
  '"\\U0041"',
  '"a\nb"',
  '"a\tb"',
  '"a\u0000b"',
  '"abc',
  '"abc\\',
  '"\\u00',
  "'single'",
  "tru",
  "trUe",
  "nulll",
  "nul",
  "True",
  "NaN",
  "Infinity",
  "-Infinity",
  "undefined",
  "1 2",
  "[] []",
  "{}{}",
  '"a""b"',
  "truefalse",
  "1true",
  "[1]x",
  "// c\n1",
  "/* c */ 1",
  "[1 /* c */]",
  "1 // c",
  "\u00a01",
  "1\u00a0",
  "\v1",
  "\f1",
  "[".repeat(300),
];

describe("JsonSyntaxChecker against JSON.parse", () => {
  it("the corpus is labelled as JSON.parse sees it", () => {
    for (const text of VALID) expect(parses(text), JSON.stringify(text)).toBe(true);
    for (const text of INVALID) expect(parses(text), JSON.stringify(text)).toBe(false);
  });

  it.each(VALID.map((text) => [text.length > 60 ? `${text.slice(0, 57)}...` : text, text]))(
    "accepts %j however it is split",
    (_, text) => {
      expect(checkEveryWay(text)).toEqual({ ok: true });
    },
  );

  it.each(INVALID.map((text) => [text.length > 60 ? `${text.slice(0, 57)}...` : text, text]))(
    "rejects %j however it is split",
    (_, text) => {
      const outcome = checkEveryWay(text);
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) {
        expect(outcome.offset).toBeGreaterThanOrEqual(0);
        expect(outcome.offset).toBeLessThanOrEqual(text.length);
      }
    },
  );

  it("agrees with JSON.parse on random mutations of valid documents", () => {
    // Deterministic PRNG (mulberry32) so a failure reproduces.
    let seed = 0x5eed;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = seed;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const alphabet = '{}[],:"\\ \n\t0123456789-+.eEtrufalsn\u0001xu';
    const seeds = VALID.filter((t) => t.length < 200);
    for (let round = 0; round < 5000; round++) {
      let text = seeds[Math.floor(random() * seeds.length)] as string;
      const edits = 1 + Math.floor(random() * 3);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(random() * (text.length + 1));
        const ch = alphabet[Math.floor(random() * alphabet.length)] as string;
        const kind = random();
        if (kind < 0.33) text = text.slice(0, at) + text.slice(at + 1);
        else if (kind < 0.66) text = text.slice(0, at) + ch + text.slice(at);
        else text = text.slice(0, at) + ch + text.slice(at + 1);
      }
      const cut = Math.floor(random() * (text.length + 1));
      const whole = check([text]);
      expect(whole.ok, JSON.stringify(text)).toBe(parses(text));
      expect(check([text.slice(0, cut), text.slice(cut)]), JSON.stringify(text)).toEqual(whole);
    }
  });
});

describe("JsonSyntaxChecker errors", () => {
  const failure = (text: string, opts?: JsonSyntaxCheckerOptions) => {
    const outcome = checkEveryWay(text, opts);
    if (outcome.ok) throw new Error(`${JSON.stringify(text)} was accepted`);
    return outcome;
  };

  it("names the unexpected character and where it is", () => {
    expect(failure("[1,,2]")).toEqual({ ok: false, message: "Unexpected ',' at character 3", offset: 3 });
    expect(failure('{"a":1,}')).toEqual({ ok: false, message: "Unexpected '}' at character 7", offset: 7 });
    expect(failure('{"a" 1}')).toMatchObject({ message: "Unexpected '1' at character 5", offset: 5 });
    expect(failure("1 2")).toMatchObject({ message: "Unexpected '2' after the JSON value at character 2" });
    expect(failure("nulll")).toMatchObject({ offset: 4 });
    expect(failure("[1}")).toMatchObject({ offset: 2 });
    expect(failure("\u00a01")).toMatchObject({ message: "Unexpected U+00A0 at character 0", offset: 0 });
  });

  it("explains bad strings", () => {
    expect(failure('"abc')).toEqual({ ok: false, message: "Unterminated string", offset: 4 });
    expect(failure('["a\\u00')).toMatchObject({ message: "Unterminated string", offset: 7 });
    expect(failure('"a\nb"')).toMatchObject({
      message: "Unescaped control character U+000A in string at character 2",
      offset: 2,
    });
    expect(failure('"\\x"')).toMatchObject({ message: "Invalid escape '\\x' in string at character 2" });
    expect(failure('"\\u12G4"')).toMatchObject({
      message: "Invalid \\u escape: 'G' at character 5",
      offset: 5,
    });
  });

  it("explains bad numbers", () => {
    expect(failure("01")).toMatchObject({ message: "Leading zero in number at character 1", offset: 1 });
    expect(failure("[1.]")).toMatchObject({ message: "Expected a digit after '.' at character 3" });
    expect(failure("1.")).toMatchObject({ message: "Unexpected end of input", offset: 2 });
    expect(failure("-x")).toMatchObject({ message: "Expected a digit after '-' at character 1" });
    expect(failure("1e+]")).toMatchObject({ message: "Expected a digit in exponent at character 3" });
    expect(failure(".5")).toMatchObject({ message: "Unexpected '.' at character 0" });
    expect(failure("+1")).toMatchObject({ message: "Unexpected '+' at character 0" });
  });

  it("rejects empty input and truncated documents", () => {
    expect(failure("")).toEqual({ ok: false, message: "Empty input", offset: 0 });
    expect(failure("   ")).toEqual({ ok: false, message: "Empty input", offset: 3 });
    expect(failure('{"a":[1,')).toEqual({ ok: false, message: "Unexpected end of input", offset: 8 });
    expect(failure("tru")).toMatchObject({ message: "Unexpected end of input", offset: 3 });
  });

  it("limits nesting depth", () => {
    expect(check(["[".repeat(512) + "]".repeat(512)])).toEqual({ ok: true });
    expect(check(["[".repeat(513) + "]".repeat(513)])).toEqual({
      ok: false,
      message: "Nesting deeper than 512 levels",
      offset: 512,
    });
    expect(check(['{"a":'.repeat(513) + "1" + "}".repeat(513)])).toMatchObject({
      message: "Nesting deeper than 512 levels",
    });
    expect(checkEveryWay("[[{}]]", { maxDepth: 3 })).toEqual({ ok: true });
    expect(checkEveryWay("[[{}]]", { maxDepth: 2 })).toEqual({
      ok: false,
      message: "Nesting deeper than 2 levels",
      offset: 2,
    });
    expect(checkEveryWay("[[1],[2],[3]]", { maxDepth: 2 })).toEqual({ ok: true });
    expect(checkEveryWay('"x"', { maxDepth: 0 })).toEqual({ ok: true });
    expect(checkEveryWay("[]", { maxDepth: 0 })).toMatchObject({ ok: false, offset: 0 });
    // Deep but allowed: the stack grows past its first allocation.
    const deep = "[".repeat(5000) + "]".repeat(5000);
    expect(check([deep], { maxDepth: 5000 })).toEqual({ ok: true });
    expect(() => new JsonSyntaxChecker({ maxDepth: -1 })).toThrow(RangeError);
    expect(() => new JsonSyntaxChecker({ maxDepth: 1.5 })).toThrow(RangeError);
  });

  it("can require an object at the top level", () => {
    const opts = { requireObject: true };
    expect(checkEveryWay('{"cells":[]}', opts)).toEqual({ ok: true });
    expect(checkEveryWay(' \n{"a":[1,{}]} ', opts)).toEqual({ ok: true });
    expect(checkEveryWay("[{}]", opts)).toEqual({
      ok: false,
      message: "Top-level value must be an object",
      offset: 0,
    });
    expect(checkEveryWay('  "x"', opts)).toMatchObject({
      message: "Top-level value must be an object",
      offset: 2,
    });
    expect(checkEveryWay("1", opts)).toMatchObject({ message: "Top-level value must be an object" });
    expect(checkEveryWay("null", opts)).toMatchObject({ message: "Top-level value must be an object" });
    expect(checkEveryWay("", opts)).toMatchObject({ message: "Empty input" });
    expect(checkEveryWay("}", opts)).toMatchObject({ message: "Unexpected '}' at character 0" });
  });

  it("skips a byte order mark only at the very start", () => {
    expect(checkEveryWay("\ufeff{}")).toEqual({ ok: true });
    expect(checkEveryWay("\ufeff 1", { requireObject: false })).toEqual({ ok: true });
    expect(check(["", "\ufeff[]"])).toEqual({ ok: true });
    expect(checkEveryWay("\ufeff")).toEqual({ ok: false, message: "Empty input", offset: 1 });
    expect(checkEveryWay(" \ufeff{}")).toMatchObject({ ok: false, offset: 1 });
    expect(checkEveryWay("{}\ufeff")).toMatchObject({ ok: false, offset: 2 });
    expect(checkEveryWay("\ufeff\ufeff{}")).toMatchObject({ ok: false, offset: 1 });
  });

  it("counts offsets across pieces", () => {
    expect(check(["[1,", "2,", "3,]"])).toMatchObject({
      message: "Unexpected ']' at character 7",
      offset: 7,
    });
    expect(check(['{"a":"x', "\\u00", "4", "Z", '"}'])).toMatchObject({ offset: 12 });
  });

  it("stays failed after an error and refuses input after end()", () => {
    const checker = new JsonSyntaxChecker();
    expect(() => checker.push("[1,,")).toThrow(JsonSyntaxError);
    expect(() => checker.push("2]")).toThrow("Unexpected ',' at character 3");
    expect(() => checker.end()).toThrow("Unexpected ',' at character 3");

    const done = new JsonSyntaxChecker();
    done.push("[]");
    done.end();
    expect(() => done.push(" ")).toThrow(/after end/);
  });
});

describe("JsonSyntaxChecker on a large notebook", () => {
  /** A notebook-like document of at least `size` characters, formatted the way Jupyter writes it. */
  function notebook(size: number): string {
    const line = 'for i in range(10):  # comment with ünïcödé and "quotes" and \\backslashes\\\n';
    const image = "iVBORw0KGgoAAAANSUhEUgAA".repeat(2000); // a ~48 KB base64 image
    const cells: unknown[] = [];
    let approx = 0;
    for (let k = 0; approx < size; k++) {
      const cell =
        k % 3 === 2
          ? {
              cell_type: "markdown",
              id: `md-${k}`,
              metadata: {},
              source: [`# Heading ${k}\n`, "Some *text* 😀\n"],
            }
          : {
              cell_type: "code",
              execution_count: k,
              id: `code-${k}`,
              metadata: { tags: ["a", "b"], collapsed: false, scrolled: null },
              outputs: [
                { name: "stdout", output_type: "stream", text: Array.from({ length: 20 }, () => line) },
                {
                  data: { "image/png": image, "text/plain": ["<Figure size 640x480 with 1 Axes>"] },
                  metadata: { needs_background: "light" },
                  output_type: "display_data",
                },
                { data: { "text/plain": [`${k * 1.5e-3}`, "-0.000123e+10"] }, output_type: "execute_result" },
              ],
              source: Array.from({ length: 30 }, () => line),
            };
      cells.push(cell);
      approx += k % 3 === 2 ? 150 : image.length + 50 * line.length + 600;
    }
    return JSON.stringify(
      {
        cells,
        metadata: { kernelspec: { display_name: "Python 3", language: "python", name: "python3" } },
        nbformat: 4,
        nbformat_minor: 5,
      },
      null,
      1,
    );
  }

  it("checks ~5 MB fed in 64 KB pieces quickly", () => {
    const text = notebook(5_000_000);
    expect(text.length).toBeGreaterThan(5_000_000);
    expect(parses(text)).toBe(true);
    const piece = 64 * 1024;

    const started = performance.now();
    const checker = new JsonSyntaxChecker({ requireObject: true });
    for (let at = 0; at < text.length; at += piece) checker.push(text.slice(at, at + piece));
    checker.end();
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(2000);

    // The same document, cut short, fails at its end.
    const truncated = text.slice(0, text.length - 2);
    const cut = new JsonSyntaxChecker({ requireObject: true });
    for (let at = 0; at < truncated.length; at += piece) cut.push(truncated.slice(at, at + piece));
    expect(() => cut.end()).toThrow("Unexpected end of input");
  });
});
