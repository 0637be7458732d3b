import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  MAX_OPTIONS,
  MAX_PATTERN,
  MAX_QUESTIONS,
  MAX_TEXT_ANSWER,
  ZAnswer,
  ZAnswers,
  ZQuestionInput,
  ZQuizSave,
  ZQuizSettings,
  type TQuestionInput,
} from "./quiz-schemas";

/** The issues a schema reports, as "path: message" (empty when the value is valid). */
function issues(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

const opts = (...correct: boolean[]) => correct.map((c, i) => ({ text: `Option ${i + 1}`, correct: c }));

const single: TQuestionInput = { type: "single", prompt: "Pick one", options: opts(true, false, false) };
const trueFalse: TQuestionInput = {
  type: "true_false",
  prompt: "The sky is blue",
  options: [
    { text: "True", correct: true },
    { text: "False", correct: false },
  ],
};
const multiple: TQuestionInput = { type: "multiple", prompt: "Pick some", options: opts(true, true, false) };
const shortText: TQuestionInput = {
  type: "short_text",
  prompt: "Capital of Peru?",
  acceptedAnswers: ["Lima"],
};
const numeric: TQuestionInput = { type: "numeric", prompt: "g in m/s²?", value: 9.81, tolerance: 0.05 };

describe("ZQuestionInput", () => {
  it("accepts a well-formed question of every type", () => {
    for (const q of [single, trueFalse, multiple, shortText, numeric])
      expect(issues(ZQuestionInput, q), q.type).toEqual([]);
  });

  it("fills in defaults, trims text and turns an empty explanation into null", () => {
    expect(
      ZQuestionInput.parse({ type: "numeric", prompt: "  How many?  ", value: 3, explanation: "" }),
    ).toEqual({
      type: "numeric",
      prompt: "How many?",
      points: 1,
      explanation: null,
      options: [],
      acceptedAnswers: [],
      pattern: null,
      value: 3,
      tolerance: null,
    });
    const parsed = ZQuestionInput.parse({
      ...single,
      explanation: "  Because.  ",
      options: opts(true, false),
    });
    expect(parsed.explanation).toBe("Because.");
    expect(parsed.options[0]).toEqual({ text: "Option 1", correct: true });
  });

  it("refuses an empty prompt and points outside 1–100 or not whole", () => {
    expect(issues(ZQuestionInput, { ...single, prompt: "   " })).toEqual(["prompt: Write the question"]);
    expect(issues(ZQuestionInput, { ...single, points: 0 })).toEqual(["points: At least 1 point"]);
    expect(issues(ZQuestionInput, { ...single, points: 101 })).toEqual(["points: At most 100 points"]);
    expect(issues(ZQuestionInput, { ...single, points: 1.5 })).toHaveLength(1);
    expect(issues(ZQuestionInput, { ...single, points: 100 })).toEqual([]);
  });

  it("refuses an unknown question type", () => {
    expect(issues(ZQuestionInput, { ...single, type: "essay" })).toHaveLength(1);
  });

  describe("single", () => {
    it("takes 2 to 10 options", () => {
      expect(issues(ZQuestionInput, { ...single, options: opts(true, false) })).toEqual([]);
      expect(issues(ZQuestionInput, { ...single, options: opts(true, ...Array(9).fill(false)) })).toEqual([]);
      expect(issues(ZQuestionInput, { ...single, options: opts(true) })).toEqual([
        "options: Give at least 2 options",
      ]);
      expect(issues(ZQuestionInput, { ...single, options: opts(true, ...Array(10).fill(false)) })).toEqual([
        `options: At most ${MAX_OPTIONS} options`,
      ]);
    });

    it("needs exactly one correct option", () => {
      expect(issues(ZQuestionInput, { ...single, options: opts(false, false, false) })).toEqual([
        "options: Mark exactly one option correct",
      ]);
      expect(issues(ZQuestionInput, { ...single, options: opts(true, true, false) })).toEqual([
        "options: Mark exactly one option correct",
      ]);
    });

    it("refuses options without text, and two options with the same text whatever the case or surrounding spaces", () => {
      expect(
        issues(ZQuestionInput, { ...single, options: [{ text: " ", correct: true }, ...opts(false)] }),
      ).toEqual(["options.0.text: An option needs text"]);
      const twins = [
        { text: "Lima", correct: true },
        { text: " LIMA ", correct: false },
      ];
      expect(issues(ZQuestionInput, { ...single, options: twins })).toEqual([
        "options: Two options have the same text",
      ]);
    });

    it("refuses accepted answers, a pattern, a value or a tolerance", () => {
      expect(issues(ZQuestionInput, { ...single, acceptedAnswers: ["x"] })).toEqual([
        "acceptedAnswers: Only short-text questions have accepted answers",
      ]);
      expect(issues(ZQuestionInput, { ...single, pattern: "x" })).toEqual([
        "acceptedAnswers: Only short-text questions have accepted answers",
      ]);
      expect(issues(ZQuestionInput, { ...single, value: 1 })).toEqual([
        "value: Only numeric questions have a value",
      ]);
      expect(issues(ZQuestionInput, { ...single, tolerance: 1 })).toEqual([
        "value: Only numeric questions have a value",
      ]);
    });
  });

  describe("true/false", () => {
    it("has exactly two options", () => {
      const three = [...(trueFalse.options ?? []), { text: "Maybe", correct: false }];
      expect(issues(ZQuestionInput, { ...trueFalse, options: three })).toEqual([
        "options: A true/false question has two options",
      ]);
      expect(issues(ZQuestionInput, { ...trueFalse, options: [{ text: "True", correct: true }] })).toEqual([
        "options: A true/false question has two options",
      ]);
    });

    it("has exactly one correct option", () => {
      const both = [
        { text: "True", correct: true },
        { text: "False", correct: true },
      ];
      expect(issues(ZQuestionInput, { ...trueFalse, options: both })).toEqual([
        "options: Mark exactly one option correct",
      ]);
    });
  });

  describe("multiple", () => {
    it("takes 2 to 10 options with at least one correct, all correct allowed", () => {
      expect(issues(ZQuestionInput, { ...multiple, options: opts(true, true) })).toEqual([]);
      expect(issues(ZQuestionInput, { ...multiple, options: opts(...Array(10).fill(true)) })).toEqual([]);
      expect(issues(ZQuestionInput, { ...multiple, options: opts(true) })).toEqual([
        "options: Give at least 2 options",
      ]);
      expect(issues(ZQuestionInput, { ...multiple, options: opts(false, false) })).toEqual([
        "options: Mark at least one option correct",
      ]);
      expect(issues(ZQuestionInput, { ...multiple, options: opts(...Array(11).fill(true)) })).toEqual([
        "options: At most 10 options",
      ]);
    });
  });

  describe("short text", () => {
    it("needs at least one accepted answer, and no more than 20", () => {
      expect(issues(ZQuestionInput, { ...shortText, acceptedAnswers: [] })).toEqual([
        "acceptedAnswers: Give at least one accepted answer",
      ]);
      const many = Array.from({ length: 21 }, (_, i) => `answer ${i}`);
      expect(issues(ZQuestionInput, { ...shortText, acceptedAnswers: many })).toEqual([
        "acceptedAnswers: At most 20 accepted answers",
      ]);
      expect(issues(ZQuestionInput, { ...shortText, acceptedAnswers: many.slice(0, 20) })).toEqual([]);
    });

    it("refuses a blank accepted answer and one longer than an answer can be", () => {
      expect(issues(ZQuestionInput, { ...shortText, acceptedAnswers: ["Lima", "  "] })).toEqual([
        "acceptedAnswers.1: An accepted answer cannot be empty",
      ]);
      expect(
        issues(ZQuestionInput, { ...shortText, acceptedAnswers: ["x".repeat(MAX_TEXT_ANSWER + 1)] }),
      ).toHaveLength(1);
      expect(
        issues(ZQuestionInput, { ...shortText, acceptedAnswers: ["x".repeat(MAX_TEXT_ANSWER)] }),
      ).toEqual([]);
    });

    it("refuses options, a value or a tolerance", () => {
      expect(issues(ZQuestionInput, { ...shortText, options: opts(true, false) })).toEqual([
        "options: Only choice questions have options",
      ]);
      expect(issues(ZQuestionInput, { ...shortText, value: 3 })).toEqual([
        "value: Only numeric questions have a value",
      ]);
      expect(issues(ZQuestionInput, { ...shortText, tolerance: 0 })).toEqual([
        "value: Only numeric questions have a value",
      ]);
    });

    it("accepts a valid RE2 pattern of up to 200 characters", () => {
      expect(issues(ZQuestionInput, { ...shortText, pattern: "(?i)lima|ciudad de los reyes" })).toEqual([]);
      expect(issues(ZQuestionInput, { ...shortText, pattern: "a".repeat(MAX_PATTERN) })).toEqual([]);
      expect(issues(ZQuestionInput, { ...shortText, pattern: "a".repeat(MAX_PATTERN + 1) })).toEqual([
        "pattern: At most 200 characters",
      ]);
    });

    it("stores an empty or missing pattern as null", () => {
      expect(ZQuestionInput.parse({ ...shortText, pattern: "" }).pattern).toBeNull();
      expect(ZQuestionInput.parse({ ...shortText, pattern: null }).pattern).toBeNull();
      expect(ZQuestionInput.parse(shortText).pattern).toBeNull();
      expect(ZQuestionInput.parse({ ...shortText, pattern: "lima" }).pattern).toBe("lima");
    });

    it.each([
      ["a lookahead", "(?=Lima)Lima"],
      ["a lookbehind", "(?<=L)ima"],
      ["a backreference", "(a)\\1"],
      ["an escape from the anchoring", "a)|(b"],
      ["an unclosed class", "[a-z"],
    ])("refuses %s in the pattern when saving", (_, pattern) => {
      const found = issues(ZQuestionInput, { ...shortText, pattern });
      expect(found).toHaveLength(1);
      expect(found[0]).toMatch(/^pattern: This pattern is not valid: \S/);
    });
  });

  describe("numeric", () => {
    it("needs a value and allows no tolerance, zero or a positive one", () => {
      expect(issues(ZQuestionInput, { ...numeric, value: undefined })).toEqual([
        "value: Give the correct value",
      ]);
      expect(issues(ZQuestionInput, { ...numeric, value: null })).toEqual(["value: Give the correct value"]);
      expect(issues(ZQuestionInput, { ...numeric, tolerance: undefined })).toEqual([]);
      expect(issues(ZQuestionInput, { ...numeric, tolerance: 0 })).toEqual([]);
      expect(issues(ZQuestionInput, { ...numeric, value: -273.15, tolerance: 0.5 })).toEqual([]);
    });

    it("refuses a negative tolerance and a value that is not a finite number", () => {
      expect(issues(ZQuestionInput, { ...numeric, tolerance: -0.01 })).toEqual([
        "tolerance: The tolerance cannot be negative",
      ]);
      expect(issues(ZQuestionInput, { ...numeric, value: Infinity })).toHaveLength(1);
      expect(issues(ZQuestionInput, { ...numeric, value: Number.NaN })).toHaveLength(1);
      expect(issues(ZQuestionInput, { ...numeric, value: "9.81" })).toHaveLength(1);
    });

    it("refuses options and accepted answers", () => {
      expect(issues(ZQuestionInput, { ...numeric, options: opts(true, false) })).toEqual([
        "options: Only choice questions have options",
      ]);
      expect(issues(ZQuestionInput, { ...numeric, acceptedAnswers: ["9.81"] })).toEqual([
        "acceptedAnswers: Only short-text questions have accepted answers",
      ]);
    });
  });

  it("reports every problem of a question at once", () => {
    const found = issues(ZQuestionInput, {
      type: "single",
      prompt: "",
      points: 0,
      options: opts(false),
      value: 3,
    });
    expect(found).toEqual(
      expect.arrayContaining([
        "prompt: Write the question",
        "points: At least 1 point",
        "options: Give at least 2 options",
        "options: Mark exactly one option correct",
        "value: Only numeric questions have a value",
      ]),
    );
  });

  it("refuses malformed input with issues rather than throwing", () => {
    for (const value of [
      null,
      "x",
      { ...single, options: "x" },
      { ...single, options: [null] },
      { ...shortText, pattern: 1 },
    ]) {
      expect(() => ZQuestionInput.safeParse(value)).not.toThrow();
      expect(ZQuestionInput.safeParse(value).success).toBe(false);
    }
  });
});

describe("ZQuizSave", () => {
  const save = (questions: TQuestionInput[], settings: Record<string, unknown> = {}) => ({
    version: 0,
    settings,
    questions,
  });
  const withId = (q: TQuestionInput, id: string): TQuestionInput => ({ ...q, id });

  it("fills in the default settings", () => {
    expect(ZQuizSettings.parse({})).toEqual({
      passPercentage: 70,
      maxAttempts: null,
      timeLimitMinutes: null,
      poolSize: null,
      shuffleOptions: false,
      partialCredit: false,
      revealAnswers: "after_passing",
    });
    expect(ZQuizSave.parse(save([single])).settings.passPercentage).toBe(70);
  });

  it("refuses settings out of range", () => {
    expect(issues(ZQuizSave, save([single], { passPercentage: 0 }))).toEqual([
      "settings.passPercentage: At least 1 %",
    ]);
    expect(issues(ZQuizSave, save([single], { passPercentage: 101 }))).toEqual([
      "settings.passPercentage: At most 100 %",
    ]);
    expect(issues(ZQuizSave, save([single], { maxAttempts: 0 }))).toEqual([
      "settings.maxAttempts: At least 1 attempt",
    ]);
    expect(issues(ZQuizSave, save([single], { timeLimitMinutes: 1441 }))).toEqual([
      "settings.timeLimitMinutes: At most 1,440 minutes (a day)",
    ]);
    expect(issues(ZQuizSave, save([single], { revealAnswers: "never" }))).toHaveLength(1);
  });

  it("draws a pool of at most as many questions as the quiz has", () => {
    expect(issues(ZQuizSave, save([single, numeric], { poolSize: 2 }))).toEqual([]);
    expect(issues(ZQuizSave, save([single, numeric], { poolSize: 1 }))).toEqual([]);
    expect(issues(ZQuizSave, save([single, numeric], { poolSize: null }))).toEqual([]);
    expect(issues(ZQuizSave, save([single, numeric], { poolSize: 3 }))).toEqual([
      "settings.poolSize: The quiz has 2 questions; draw at most that many",
    ]);
    expect(issues(ZQuizSave, save([single], { poolSize: 2 }))).toEqual([
      "settings.poolSize: The quiz has 1 question; draw at most that many",
    ]);
    expect(issues(ZQuizSave, save([], { poolSize: 1 }))).toEqual([
      "settings.poolSize: The quiz has 0 questions; draw at most that many",
    ]);
    expect(issues(ZQuizSave, save([single], { poolSize: 0 }))).toEqual([
      "settings.poolSize: Draw at least 1 question",
    ]);
  });

  it("refuses the same question twice, comparing trimmed ids", () => {
    expect(issues(ZQuizSave, save([withId(single, "q1"), withId(numeric, "q1")]))).toEqual([
      "questions: A question appears twice",
    ]);
    expect(issues(ZQuizSave, save([withId(single, "q1"), withId(numeric, " q1 ")]))).toEqual([
      "questions: A question appears twice",
    ]);
  });

  it("allows any number of new questions without ids alongside existing ones", () => {
    expect(issues(ZQuizSave, save([single, single, withId(numeric, "q1"), withId(shortText, "q2")]))).toEqual(
      [],
    );
  });

  it("holds at most 200 questions, and allows an empty quiz", () => {
    expect(issues(ZQuizSave, save([]))).toEqual([]);
    expect(issues(ZQuizSave, save(Array.from({ length: MAX_QUESTIONS }, () => numeric)))).toEqual([]);
    expect(issues(ZQuizSave, save(Array.from({ length: MAX_QUESTIONS + 1 }, () => numeric)))).toEqual([
      "questions: At most 200 questions",
    ]);
  });

  it("reports a question's problems under its index, together with the quiz's", () => {
    const found = issues(
      ZQuizSave,
      save([single, { ...multiple, options: opts(false, false) }], { poolSize: 5 }),
    );
    expect(found).toEqual(
      expect.arrayContaining([
        "questions.1.options: Mark at least one option correct",
        "settings.poolSize: The quiz has 2 questions; draw at most that many",
      ]),
    );
  });

  it("needs a whole, non-negative version", () => {
    expect(issues(ZQuizSave, { ...save([single]), version: -1 })).toHaveLength(1);
    expect(issues(ZQuizSave, { ...save([single]), version: 1.5 })).toHaveLength(1);
    expect(issues(ZQuizSave, { settings: {}, questions: [] })).toHaveLength(1);
  });
});

describe("ZAnswer and ZAnswers", () => {
  it("accept an answer by options, by text or by value", () => {
    expect(issues(ZAnswer, { questionId: "q", optionIds: ["a", "b"] })).toEqual([]);
    expect(issues(ZAnswer, { questionId: "q", text: "Lima" })).toEqual([]);
    expect(issues(ZAnswer, { questionId: "q", value: -0.5 })).toEqual([]);
    expect(issues(ZAnswer, { questionId: "q" })).toEqual([]);
    expect(issues(ZAnswers, { answers: [] })).toEqual([]);
  });

  it("refuse a numeric value given as a string", () => {
    expect(issues(ZAnswer, { questionId: "q", value: "3" })).toEqual([
      "value: Invalid input: expected number, received string",
    ]);
    expect(issues(ZAnswers, { answers: [{ questionId: "q", value: "3.14" }] })).toHaveLength(1);
  });

  it("refuse a value that is not a finite number", () => {
    for (const value of [Infinity, -Infinity, Number.NaN, null, true]) {
      expect(issues(ZAnswer, { questionId: "q", value }), String(value)).toHaveLength(1);
    }
  });

  it("refuse unknown keys on an answer and on the body", () => {
    expect(issues(ZAnswer, { questionId: "q", text: "x", correct: true })).toHaveLength(1);
    expect(ZAnswer.safeParse({ questionId: "q", points: 5 }).error?.issues[0]?.code).toBe(
      "unrecognized_keys",
    );
    expect(issues(ZAnswers, { answers: [], attemptId: "a" })).toHaveLength(1);
    expect(ZAnswers.safeParse({ answers: [], score: 100 }).error?.issues[0]?.code).toBe("unrecognized_keys");
  });

  it("limit text to 500 characters", () => {
    expect(issues(ZAnswer, { questionId: "q", text: "x".repeat(MAX_TEXT_ANSWER) })).toEqual([]);
    expect(issues(ZAnswer, { questionId: "q", text: "x".repeat(MAX_TEXT_ANSWER + 1) })).toEqual([
      "text: At most 500 characters",
    ]);
  });

  it("limit an answer to 10 options and the body to 200 answers", () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `o${i}`);
    expect(issues(ZAnswer, { questionId: "q", optionIds: ids(MAX_OPTIONS) })).toEqual([]);
    expect(issues(ZAnswer, { questionId: "q", optionIds: ids(MAX_OPTIONS + 1) })).toHaveLength(1);
    const answers = (n: number) => Array.from({ length: n }, (_, i) => ({ questionId: `q${i}` }));
    expect(issues(ZAnswers, { answers: answers(MAX_QUESTIONS) })).toEqual([]);
    expect(issues(ZAnswers, { answers: answers(MAX_QUESTIONS + 1) })).toHaveLength(1);
  });

  it("refuse a missing, blank or over-long question id and a blank or non-string option id", () => {
    expect(issues(ZAnswer, { text: "x" })).toHaveLength(1);
    expect(issues(ZAnswer, { questionId: "  " })).toHaveLength(1);
    expect(issues(ZAnswer, { questionId: "q".repeat(65) })).toHaveLength(1);
    expect(issues(ZAnswer, { questionId: "q", optionIds: [""] })).toHaveLength(1);
    expect(issues(ZAnswer, { questionId: "q", optionIds: [1] })).toHaveLength(1);
    expect(issues(ZAnswer, { questionId: "q", optionIds: "a" })).toHaveLength(1);
  });

  it("trim ids", () => {
    expect(ZAnswer.parse({ questionId: " q1 ", optionIds: [" a "] })).toEqual({
      questionId: "q1",
      optionIds: ["a"],
    });
  });
});
