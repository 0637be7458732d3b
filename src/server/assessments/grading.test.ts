import { describe, expect, it } from "vitest";
import { AppError, isAppError, type FieldIssue } from "../errors";
import {
  awardUnits,
  checkAnswers,
  gradeAttempt,
  normaliseText,
  revealResults,
  UNITS_PER_POINT,
  withinTolerance,
} from "./grading";
import { compilePattern } from "./pattern";
import type { ServedQuestion, TAnswer } from "./quiz-schemas";

const FULL = UNITS_PER_POINT;

function question(id: string, over: Partial<ServedQuestion>): ServedQuestion {
  return {
    id,
    type: "single",
    prompt: `Question ${id}`,
    points: 1,
    explanation: null,
    options: [],
    acceptedAnswers: [],
    pattern: null,
    value: null,
    tolerance: null,
    ...over,
  };
}

/** A choice question whose options are `${id}-o0`, `${id}-o1`, … and correct where `correct[i]` is true. */
function choice(
  id: string,
  type: "single" | "true_false" | "multiple",
  correct: boolean[],
  over: Partial<ServedQuestion> = {},
): ServedQuestion {
  const options = correct.map((c, i) => ({ id: `${id}-o${i}`, text: `Option ${i}`, correct: c }));
  return question(id, { type, options, ...over });
}

const single = (id: string, over: Partial<ServedQuestion> = {}) =>
  choice(id, "single", [true, false, false], over);
const trueFalse = (id: string) =>
  question(id, {
    type: "true_false",
    options: [
      { id: `${id}-true`, text: "True", correct: false },
      { id: `${id}-false`, text: "False", correct: true },
    ],
  });
/** A multiple-choice question with `correctCount` correct options first, then `wrongCount` wrong ones. */
const multiple = (id: string, correctCount: number, wrongCount: number, over: Partial<ServedQuestion> = {}) =>
  choice(id, "multiple", [...Array(correctCount).fill(true), ...Array(wrongCount).fill(false)], over);
const shortText = (id: string, acceptedAnswers: string[], pattern: string | null = null) =>
  question(id, { type: "short_text", acceptedAnswers, pattern });
const numeric = (id: string, value: number, tolerance: number | null = null) =>
  question(id, { type: "numeric", value, tolerance });

/** The option ids of a multiple question built by `multiple`: `right` correct ones and `wrong` wrong ones. */
const pick = (q: ServedQuestion, right: number, wrong: number): TAnswer => {
  const correct = q.options.filter((o) => o.correct).map((o) => o.id);
  const incorrect = q.options.filter((o) => !o.correct).map((o) => o.id);
  return { questionId: q.id, optionIds: [...correct.slice(0, right), ...incorrect.slice(0, wrong)] };
};

const settings = (passPercentage = 70, partialCredit = false) => ({ passPercentage, partialCredit });

/** The field issues `checkAnswers` reports (fails the test if it does not throw an INVALID_INPUT AppError). */
function issuesOf(questions: ServedQuestion[], answers: TAnswer[]): FieldIssue[] {
  let error: unknown;
  try {
    checkAnswers(questions, answers);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(AppError);
  expect(isAppError(error) && error.code).toBe("INVALID_INPUT");
  expect(isAppError(error) && error.status).toBe(422);
  return (isAppError(error) && error.fields) || [];
}

describe("normaliseText", () => {
  it("trims, collapses inner whitespace of any kind to one space and lower-cases", () => {
    expect(normaliseText("  New \t  York\n City  ")).toBe("new york city");
    expect(normaliseText("PARIS")).toBe("paris");
    expect(normaliseText("a\u00a0\u2003b")).toBe("a b");
  });

  it("turns blank text into the empty string", () => {
    expect(normaliseText("")).toBe("");
    expect(normaliseText(" \t\n ")).toBe("");
  });

  it("normalises compatibility characters first: a ligature, full-width letters and a decomposed accent compare equal", () => {
    expect(normaliseText("ﬁle")).toBe(normaliseText("FILE"));
    expect(normaliseText("Ｐａｒｉｓ")).toBe("paris");
    expect(normaliseText("Cafe\u0301")).toBe(normaliseText("CAFÉ"));
  });

  it("keeps non-Latin scripts and inner punctuation", () => {
    expect(normaliseText(" Ελληνικά ")).toBe("ελληνικά");
    expect(normaliseText("日本語")).toBe("日本語");
    expect(normaliseText("O'Brien-Smith")).toBe("o'brien-smith");
  });
});

describe("withinTolerance", () => {
  it("accepts the exact value with no tolerance and refuses any other", () => {
    expect(withinTolerance(42, 42, 0)).toBe(true);
    expect(withinTolerance(42.001, 42, 0)).toBe(false);
    expect(withinTolerance(-42, 42, 0)).toBe(false);
  });

  it("includes both ends of the tolerance band", () => {
    expect(withinTolerance(10.5, 10, 0.5)).toBe(true);
    expect(withinTolerance(9.5, 10, 0.5)).toBe(true);
    expect(withinTolerance(10.51, 10, 0.5)).toBe(false);
    expect(withinTolerance(9.49, 10, 0.5)).toBe(false);
  });

  it("works for negative values and a band around zero", () => {
    expect(withinTolerance(-3.2, -3, 0.25)).toBe(true);
    expect(withinTolerance(-3.3, -3, 0.25)).toBe(false);
    expect(withinTolerance(-0.01, 0, 0.01)).toBe(true);
  });

  it("absorbs binary floating-point error: 0.1 + 0.2 is within 0 of 0.3, and 3.3 within 0.1 of 3.2", () => {
    expect(withinTolerance(0.1 + 0.2, 0.3, 0)).toBe(true);
    expect(withinTolerance(3.3, 3.2, 0.1)).toBe(true);
    expect(withinTolerance(1.1 * 3, 3.3, 0)).toBe(true);
  });

  it("does not let the floating-point slack accept a real difference", () => {
    expect(withinTolerance(1.000001, 1, 0)).toBe(false);
    expect(withinTolerance(1_000_001, 1_000_000, 0)).toBe(false);
    expect(withinTolerance(1e15 + 1, 1e15, 0)).toBe(false);
    expect(withinTolerance(3.31, 3.2, 0.1)).toBe(false);
  });
});

describe("awardUnits", () => {
  it("counts in 1/2520ths of a point, so partial credit over 1 to 10 correct options is always a whole number of units", () => {
    expect(UNITS_PER_POINT).toBe(2520);
    for (let n = 1; n <= 10; n++) expect(UNITS_PER_POINT % n, `${n} correct options`).toBe(0);
  });

  it("gives nothing for a missing answer, whatever the type", () => {
    for (const q of [
      single("s"),
      trueFalse("t"),
      multiple("m", 2, 1),
      shortText("x", ["a"]),
      numeric("n", 1, 1),
    ]) {
      expect(awardUnits(q, undefined, true), q.type).toBe(0);
    }
  });

  describe("single and true/false", () => {
    it("award the question's full points for the correct option", () => {
      expect(awardUnits(single("q"), { questionId: "q", optionIds: ["q-o0"] }, false)).toBe(FULL);
      expect(awardUnits(single("q", { points: 5 }), { questionId: "q", optionIds: ["q-o0"] }, false)).toBe(
        5 * FULL,
      );
      expect(awardUnits(trueFalse("t"), { questionId: "t", optionIds: ["t-false"] }, false)).toBe(FULL);
    });

    it("award nothing for a wrong option, no option, or two options (even with partial credit)", () => {
      const q = single("q");
      expect(awardUnits(q, { questionId: "q", optionIds: ["q-o1"] }, true)).toBe(0);
      expect(awardUnits(q, { questionId: "q", optionIds: [] }, true)).toBe(0);
      expect(awardUnits(q, { questionId: "q" }, true)).toBe(0);
      expect(awardUnits(q, { questionId: "q", optionIds: ["q-o0", "q-o1"] }, true)).toBe(0);
      expect(awardUnits(trueFalse("t"), { questionId: "t", optionIds: ["t-true"] }, true)).toBe(0);
    });

    it("award nothing for a text or value answer", () => {
      expect(awardUnits(single("q"), { questionId: "q", text: "Option 0" }, false)).toBe(0);
      expect(awardUnits(single("q"), { questionId: "q", value: 0 }, false)).toBe(0);
    });
  });

  describe("multiple", () => {
    const q = multiple("m", 3, 2);

    it("award full points for exactly the correct options, in any order", () => {
      expect(awardUnits(q, { questionId: "m", optionIds: ["m-o2", "m-o0", "m-o1"] }, false)).toBe(FULL);
      expect(awardUnits(q, { questionId: "m", optionIds: ["m-o2", "m-o0", "m-o1"] }, true)).toBe(FULL);
    });

    it("are all-or-nothing without partial credit: a subset or a superset of the correct options earns nothing", () => {
      expect(awardUnits(q, pick(q, 2, 0), false)).toBe(0);
      expect(awardUnits(q, pick(q, 3, 1), false)).toBe(0);
      expect(awardUnits(q, pick(q, 0, 0), false)).toBe(0);
    });

    it("with partial credit award points × max(0, right − wrong) / correctCount", () => {
      const cases: [right: number, wrong: number, units: number][] = [
        [3, 0, FULL],
        [2, 0, (2 * FULL) / 3],
        [1, 0, FULL / 3],
        [3, 1, (2 * FULL) / 3],
        [3, 2, FULL / 3],
        [2, 1, FULL / 3],
        [2, 2, 0],
        [1, 2, 0],
        [0, 2, 0],
        [0, 0, 0],
      ];
      for (const [right, wrong, units] of cases) {
        expect(awardUnits(q, pick(q, right, wrong), true), `right ${right}, wrong ${wrong}`).toBe(units);
      }
    });

    it("with partial credit scale with the question's points and always give whole units, up to 10 options", () => {
      for (let correct = 1; correct <= 10; correct++) {
        const big = multiple("b", correct, 10 - correct, { points: 7 });
        for (let right = 0; right <= correct; right++) {
          const units = awardUnits(big, pick(big, right, 0), true);
          expect(Number.isInteger(units), `${right} of ${correct}`).toBe(true);
          expect(units * correct).toBe(7 * FULL * right);
        }
      }
    });

    it("award nothing for an empty choice even when partial credit is on", () => {
      expect(awardUnits(q, { questionId: "m", optionIds: [] }, true)).toBe(0);
    });
  });

  describe("short text", () => {
    const q = shortText("s", ["New York", "NYC"]);

    it("accepts an accepted answer after trimming, collapsing inner whitespace and ignoring case", () => {
      for (const text of ["New York", "new york", "  NEW   YORK ", "new\tyork", "nyc", "Ｎｅｗ Ｙｏｒｋ"]) {
        expect(awardUnits(q, { questionId: "s", text }, false), text).toBe(FULL);
      }
    });

    it("compares an accepted answer normalised the same way as the student's", () => {
      const messy = shortText("s", ["  São   PAULO "]);
      expect(awardUnits(messy, { questionId: "s", text: "são paulo" }, false)).toBe(FULL);
      expect(awardUnits(messy, { questionId: "s", text: "Sa\u0303o Paulo" }, false)).toBe(FULL);
    });

    it("refuses other text, a partial answer and a blank answer", () => {
      for (const text of ["New", "New York City", "NewYork", "", "   "]) {
        expect(awardUnits(q, { questionId: "s", text }, false), JSON.stringify(text)).toBe(0);
      }
    });

    it("gives nothing when the answer has no text", () => {
      expect(awardUnits(q, { questionId: "s", optionIds: [] }, false)).toBe(0);
      expect(awardUnits(q, { questionId: "s" }, false)).toBe(0);
    });

    it("also accepts an answer matching the pattern as a whole once trimmed", () => {
      const colour = shortText("c", ["colour"], "colou?r|hue");
      expect(awardUnits(colour, { questionId: "c", text: "color" }, false)).toBe(FULL);
      expect(awardUnits(colour, { questionId: "c", text: "  hue \n" }, false)).toBe(FULL);
      expect(awardUnits(colour, { questionId: "c", text: "colors" }, false)).toBe(0);
      expect(awardUnits(colour, { questionId: "c", text: "a color" }, false)).toBe(0);
      expect(awardUnits(colour, { questionId: "c", text: "hues" }, false)).toBe(0);
    });

    it("matches the pattern case-sensitively unless it says (?i)", () => {
      expect(awardUnits(shortText("c", ["x"], "colou?r"), { questionId: "c", text: "COLOR" }, false)).toBe(0);
      expect(
        awardUnits(shortText("c", ["x"], "(?i)colou?r"), { questionId: "c", text: "COLOR" }, false),
      ).toBe(FULL);
    });

    it("never credits a blank answer even when the pattern matches the empty string", () => {
      const q2 = shortText("e", ["x"], "\\s*|a*");
      expect(awardUnits(q2, { questionId: "e", text: "" }, false)).toBe(0);
      expect(awardUnits(q2, { questionId: "e", text: "   " }, false)).toBe(0);
      expect(awardUnits(q2, { questionId: "e", text: "aaa" }, false)).toBe(FULL);
    });

    it("treats a saved pattern that does not compile as matching nothing, without throwing", () => {
      const bad = shortText("b", ["yes"], "(?=yes)yes");
      expect(awardUnits(bad, { questionId: "b", text: "yes" }, false)).toBe(FULL);
      expect(awardUnits(bad, { questionId: "b", text: "(?=yes)yes" }, false)).toBe(0);
    });

    it("awards the question's points, not one", () => {
      const q5 = question("p", { type: "short_text", acceptedAnswers: ["x"], points: 5 });
      expect(awardUnits(q5, { questionId: "p", text: "X" }, false)).toBe(5 * FULL);
    });
  });

  describe("numeric", () => {
    it("accepts a value within the absolute tolerance, ends included", () => {
      const q = numeric("n", 9.81, 0.05);
      for (const value of [9.81, 9.76, 9.86, 9.8])
        expect(awardUnits(q, { questionId: "n", value }, false)).toBe(FULL);
      for (const value of [9.75, 9.87, -9.81])
        expect(awardUnits(q, { questionId: "n", value }, false)).toBe(0);
    });

    it("without a tolerance requires the exact value, allowing for floating-point error", () => {
      const q = numeric("n", 0.3);
      expect(awardUnits(q, { questionId: "n", value: 0.1 + 0.2 }, false)).toBe(FULL);
      expect(awardUnits(q, { questionId: "n", value: 0.31 }, false)).toBe(0);
      expect(awardUnits(numeric("z", 0, 0), { questionId: "z", value: 0 }, false)).toBe(FULL);
    });

    it("gives nothing when the answer has no value", () => {
      expect(awardUnits(numeric("n", 3), { questionId: "n" }, false)).toBe(0);
      expect(awardUnits(numeric("n", 3), { questionId: "n", text: "3" }, false)).toBe(0);
    });
  });
});

describe("gradeAttempt", () => {
  it("scores a fully correct attempt 100 % and passes it", () => {
    const qs = [single("a"), trueFalse("b"), multiple("c", 2, 2), shortText("d", ["Lima"]), numeric("e", 42)];
    const answers: TAnswer[] = [
      { questionId: "a", optionIds: ["a-o0"] },
      { questionId: "b", optionIds: ["b-false"] },
      { questionId: "c", optionIds: ["c-o1", "c-o0"] },
      { questionId: "d", text: " lima " },
      { questionId: "e", value: 42 },
    ];
    const graded = gradeAttempt(qs, answers, settings(100));
    expect(graded).toMatchObject({ pointsTotal: 5, pointsAwarded: 5, scorePercentage: 100, passed: true });
    expect(graded.results.map((r) => [r.questionId, r.correct, r.pointsAwarded])).toEqual([
      ["a", true, 1],
      ["b", true, 1],
      ["c", true, 1],
      ["d", true, 1],
      ["e", true, 1],
    ]);
  });

  it("scores an unanswered attempt 0 %: every missing answer is wrong", () => {
    const graded = gradeAttempt([single("a"), numeric("b", 1)], [], settings(1));
    expect(graded).toMatchObject({ pointsTotal: 2, pointsAwarded: 0, scorePercentage: 0, passed: false });
    expect(graded.results.every((r) => !r.correct && r.pointsAwarded === 0)).toBe(true);
  });

  it("weights questions by their points", () => {
    const qs = [single("a", { points: 3 }), single("b", { points: 1 })];
    const graded = gradeAttempt(qs, [{ questionId: "a", optionIds: ["a-o0"] }], settings(75));
    expect(graded).toMatchObject({ pointsTotal: 4, pointsAwarded: 3, scorePercentage: 75, passed: true });
  });

  it("adds thirds of a point exactly: right − wrong = 1 on three 3-correct questions is 1 point of 3, 33 %", () => {
    const qs = ["a", "b", "c"].map((id) => multiple(id, 3, 3));
    const answers = [pick(qs[0]!, 1, 0), pick(qs[1]!, 2, 1), pick(qs[2]!, 3, 2)];
    const graded = gradeAttempt(qs, answers, settings(33, true));
    expect(graded).toMatchObject({ pointsTotal: 3, pointsAwarded: 1, scorePercentage: 33, passed: true });
    expect(graded.results.map((r) => [r.correct, r.pointsAwarded])).toEqual([
      [false, 0.33],
      [false, 0.33],
      [false, 0.33],
    ]);
    expect(gradeAttempt(qs, answers, settings(34, true)).passed).toBe(false);
  });

  it("adds tenths exactly where floats would not: 0.7 + 0.7 + 0.7 of 3 is 70 % and passes a 70 % mark", () => {
    // In binary floating point 0.7 + 0.7 + 0.7 = 2.0999999999999996, which would floor to 69 % and fail.
    const qs = ["a", "b", "c"].map((id) => multiple(id, 10, 0));
    const answers = qs.map((q) => pick(q, 7, 0));
    const graded = gradeAttempt(qs, answers, settings(70, true));
    expect(graded).toMatchObject({ pointsTotal: 3, pointsAwarded: 2.1, scorePercentage: 70, passed: true });
    expect(gradeAttempt(qs, answers, settings(71, true)).passed).toBe(false);
  });

  it("passes exactly at the pass mark: 7 of 10 at 70 % passes", () => {
    const qs = Array.from({ length: 10 }, (_, i) => single(`q${i}`));
    const answers = qs.slice(0, 7).map((q) => ({ questionId: q.id, optionIds: [`${q.id}-o0`] }));
    expect(gradeAttempt(qs, answers, settings(70))).toMatchObject({
      pointsTotal: 10,
      pointsAwarded: 7,
      scorePercentage: 70,
      passed: true,
    });
    expect(gradeAttempt(qs, answers.slice(0, 6), settings(70))).toMatchObject({
      scorePercentage: 60,
      passed: false,
    });
  });

  it("fails just below the pass mark: 699 of 1,000 points (6.99 of 10) at 70 % fails with 69 %", () => {
    const points = [100, 100, 100, 100, 100, 100, 99, 1, 100, 100, 100];
    const qs = points.map((p, i) => single(`q${i}`, { points: p }));
    const answers = qs.slice(0, 7).map((q) => ({ questionId: q.id, optionIds: [`${q.id}-o0`] }));
    expect(gradeAttempt(qs, answers, settings(70))).toMatchObject({
      pointsTotal: 1000,
      pointsAwarded: 699,
      scorePercentage: 69,
      passed: false,
    });
    const oneMore = [...answers, { questionId: "q7", optionIds: ["q7-o0"] }];
    expect(gradeAttempt(qs, oneMore, settings(70))).toMatchObject({ scorePercentage: 70, passed: true });
  });

  it("floors the percentage rather than rounding it: 2 of 3 is 66 %", () => {
    const qs = [single("a"), single("b"), single("c")];
    const answers = qs.slice(0, 2).map((q) => ({ questionId: q.id, optionIds: [`${q.id}-o0`] }));
    const graded = gradeAttempt(qs, answers, settings(67));
    expect(graded).toMatchObject({ pointsAwarded: 2, scorePercentage: 66, passed: false });
    expect(Number.isInteger(graded.scorePercentage)).toBe(true);
  });

  it("rounds points awarded to hundredths for display, per question and in total", () => {
    const qs = [multiple("a", 3, 0), multiple("b", 7, 0)];
    const graded = gradeAttempt(qs, [pick(qs[0]!, 2, 0), pick(qs[1]!, 1, 0)], settings(50, true));
    expect(graded.results.map((r) => r.pointsAwarded)).toEqual([0.67, 0.14]);
    // 2/3 + 1/7 = 17/21 = 0.8095… of 2 points.
    expect(graded.pointsAwarded).toBe(0.81);
    expect(graded.scorePercentage).toBe(40);
  });

  it("ignores partial answers when partial credit is off", () => {
    const qs = ["a", "b", "c"].map((id) => multiple(id, 3, 3));
    const answers = qs.map((q) => pick(q, 2, 0));
    expect(gradeAttempt(qs, answers, settings(1, false))).toMatchObject({
      pointsAwarded: 0,
      scorePercentage: 0,
    });
    expect(gradeAttempt(qs, answers, settings(1, true))).toMatchObject({
      pointsAwarded: 2,
      scorePercentage: 66,
    });
  });

  it("requires every point at a 100 % pass mark", () => {
    const qs = [multiple("a", 10, 0), single("b")];
    const answers = [pick(qs[0]!, 10, 0), { questionId: "b", optionIds: ["b-o0"] }];
    expect(gradeAttempt(qs, answers, settings(100, true)).passed).toBe(true);
    const almost = [pick(qs[0]!, 9, 0), answers[1]!];
    expect(gradeAttempt(qs, almost, settings(100, true))).toMatchObject({
      scorePercentage: 95,
      passed: false,
    });
  });

  it("gives an attempt with no questions 0 % and never passes it", () => {
    expect(gradeAttempt([], [], settings(1))).toEqual({
      pointsTotal: 0,
      pointsAwarded: 0,
      scorePercentage: 0,
      passed: false,
      results: [],
    });
  });

  it("reports results in the order questions were served, whatever the order of the answers", () => {
    const qs = [single("z"), single("a"), single("m")];
    const answers = [...qs].reverse().map((q) => ({ questionId: q.id, optionIds: [`${q.id}-o0`] }));
    expect(gradeAttempt(qs, answers, settings()).results.map((r) => r.questionId)).toEqual(["z", "a", "m"]);
  });

  it("keeps for each result the explanation, the correct options and the first accepted answer or the value", () => {
    const qs = [
      multiple("c", 2, 1, { explanation: "Two of them." }),
      shortText("s", ["Lima", "Ciudad de los Reyes"]),
      numeric("n", 2.5, 0.1),
      trueFalse("t"),
    ];
    const { results } = gradeAttempt(qs, [], settings());
    expect(results).toEqual([
      {
        questionId: "c",
        correct: false,
        pointsAwarded: 0,
        explanation: "Two of them.",
        correctOptionIds: ["c-o0", "c-o1"],
      },
      {
        questionId: "s",
        correct: false,
        pointsAwarded: 0,
        explanation: null,
        correctOptionIds: [],
        acceptedAnswer: "Lima",
      },
      {
        questionId: "n",
        correct: false,
        pointsAwarded: 0,
        explanation: null,
        correctOptionIds: [],
        acceptedAnswer: "2.5",
      },
      { questionId: "t", correct: false, pointsAwarded: 0, explanation: null, correctOptionIds: ["t-false"] },
    ]);
  });
});

describe("revealResults", () => {
  const qs = [
    single("c", { explanation: "Because." }),
    multiple("m", 2, 1),
    shortText("s", ["Lima"]),
    numeric("n", 7),
  ];
  const answers: TAnswer[] = [
    { questionId: "c", optionIds: ["c-o0"] },
    { questionId: "m", optionIds: ["m-o0"] },
    { questionId: "s", text: "Cusco" },
  ];
  const { results } = gradeAttempt(qs, answers, settings(50, true));

  it("always shows correctness, points and explanations, and nothing more when answers are not revealed", () => {
    expect(revealResults(results, false, qs)).toEqual([
      { questionId: "c", correct: true, pointsAwarded: 1, explanation: "Because." },
      { questionId: "m", correct: false, pointsAwarded: 0.5, explanation: null },
      { questionId: "s", correct: false, pointsAwarded: 0, explanation: null },
      { questionId: "n", correct: false, pointsAwarded: 0, explanation: null },
    ]);
    for (const r of revealResults(results, false, qs)) {
      expect(Object.keys(r).sort()).toEqual(["correct", "explanation", "pointsAwarded", "questionId"]);
    }
  });

  it("adds the correct options of choice questions and the accepted answer of text and numeric ones when revealed", () => {
    expect(revealResults(results, true, qs)).toEqual([
      {
        questionId: "c",
        correct: true,
        pointsAwarded: 1,
        explanation: "Because.",
        correctOptionIds: ["c-o0"],
      },
      {
        questionId: "m",
        correct: false,
        pointsAwarded: 0.5,
        explanation: null,
        correctOptionIds: ["m-o0", "m-o1"],
      },
      { questionId: "s", correct: false, pointsAwarded: 0, explanation: null, acceptedAnswer: "Lima" },
      { questionId: "n", correct: false, pointsAwarded: 0, explanation: null, acceptedAnswer: "7" },
    ]);
  });

  it("never gives text and numeric questions a correctOptionIds key, even an empty one", () => {
    const revealed = revealResults(results, true, qs);
    expect(revealed[2]).not.toHaveProperty("correctOptionIds");
    expect(revealed[3]).not.toHaveProperty("correctOptionIds");
    expect(revealed[0]).not.toHaveProperty("acceptedAnswer");
  });

  it("shows true/false questions' correct option when revealed", () => {
    const tf = [trueFalse("t")];
    const graded = gradeAttempt(tf, [{ questionId: "t", optionIds: ["t-true"] }], settings());
    expect(revealResults(graded.results, true, tf)).toEqual([
      { questionId: "t", correct: false, pointsAwarded: 0, explanation: null, correctOptionIds: ["t-false"] },
    ]);
  });

  it("leaves the graded results untouched", () => {
    const before = structuredClone(results);
    revealResults(results, false, qs);
    revealResults(results, true, qs);
    expect(results).toEqual(before);
  });
});

describe("checkAnswers", () => {
  const qs = [single("s"), trueFalse("t"), multiple("m", 2, 2), shortText("x", ["a"]), numeric("n", 1)];

  it("accepts well-formed answers of every type", () => {
    expect(() =>
      checkAnswers(qs, [
        { questionId: "s", optionIds: ["s-o1"] },
        { questionId: "t", optionIds: ["t-true"] },
        { questionId: "m", optionIds: ["m-o0", "m-o2", "m-o3"] },
        { questionId: "x", text: "anything at all" },
        { questionId: "n", value: -12.5 },
      ]),
    ).not.toThrow();
  });

  it("accepts missing answers, an empty choice and an answer with nothing in it (they are simply wrong)", () => {
    expect(() => checkAnswers(qs, [])).not.toThrow();
    expect(() =>
      checkAnswers(qs, [
        { questionId: "s", optionIds: [] },
        { questionId: "m", optionIds: [] },
      ]),
    ).not.toThrow();
    expect(() =>
      checkAnswers(qs, [{ questionId: "x" }, { questionId: "n" }, { questionId: "t" }]),
    ).not.toThrow();
  });

  it("refuses an answer to a question that is not in the attempt", () => {
    expect(issuesOf(qs, [{ questionId: "elsewhere", optionIds: ["s-o0"] }])).toEqual([
      { path: "answers.0.questionId", message: "This question is not part of the attempt" },
    ]);
  });

  it("refuses two answers to one question, pointing at the second", () => {
    const issues = issuesOf(qs, [
      { questionId: "n", value: 1 },
      { questionId: "s", optionIds: ["s-o0"] },
      { questionId: "s", optionIds: ["s-o0"] },
    ]);
    expect(issues).toEqual([{ path: "answers.2.questionId", message: "This question is answered twice" }]);
  });

  it("refuses an unknown option, including another question's option", () => {
    expect(issuesOf(qs, [{ questionId: "m", optionIds: ["m-o0", "nope"] }])).toEqual([
      { path: "answers.0.optionIds", message: "Unknown option" },
    ]);
    expect(issuesOf(qs, [{ questionId: "s", optionIds: ["m-o0"] }])).toEqual([
      { path: "answers.0.optionIds", message: "Unknown option" },
    ]);
  });

  it("refuses the same option chosen twice", () => {
    expect(issuesOf(qs, [{ questionId: "m", optionIds: ["m-o0", "m-o0"] }])).toEqual([
      { path: "answers.0.optionIds", message: "An option is chosen twice" },
    ]);
  });

  it("refuses two options for a single or a true/false question, and allows them for a multiple one", () => {
    expect(issuesOf(qs, [{ questionId: "s", optionIds: ["s-o0", "s-o1"] }])).toEqual([
      { path: "answers.0.optionIds", message: "Choose one option" },
    ]);
    expect(issuesOf(qs, [{ questionId: "t", optionIds: ["t-true", "t-false"] }])).toEqual([
      { path: "answers.0.optionIds", message: "Choose one option" },
    ]);
    expect(() => checkAnswers(qs, [{ questionId: "m", optionIds: ["m-o0", "m-o1"] }])).not.toThrow();
  });

  it("refuses text or a value on a choice question", () => {
    expect(issuesOf(qs, [{ questionId: "s", text: "Option 0" }])).toEqual([
      { path: "answers.0.optionIds", message: "Answer a choice question with optionIds" },
    ]);
    expect(issuesOf(qs, [{ questionId: "m", optionIds: ["m-o0"], value: 1 }])).toEqual([
      { path: "answers.0.optionIds", message: "Answer a choice question with optionIds" },
    ]);
  });

  it("refuses optionIds (even empty) or a value on a short-text question", () => {
    for (const answer of [
      { questionId: "x", optionIds: [] },
      { questionId: "x", optionIds: ["s-o0"], text: "a" },
      { questionId: "x", value: 1 },
    ]) {
      expect(issuesOf(qs, [answer]), JSON.stringify(answer)).toEqual([
        { path: "answers.0.text", message: "Answer a short-text question with text" },
      ]);
    }
  });

  it("refuses optionIds or text on a numeric question", () => {
    for (const answer of [
      { questionId: "n", optionIds: [] },
      { questionId: "n", text: "1" },
      { questionId: "n", text: "1", value: 1 },
    ]) {
      expect(issuesOf(qs, [answer]), JSON.stringify(answer)).toEqual([
        { path: "answers.0.value", message: "Answer a numeric question with a number value" },
      ]);
    }
  });

  it("reports every malformed answer at once, with its index", () => {
    const issues = issuesOf(qs, [
      { questionId: "s", optionIds: ["s-o0"] },
      { questionId: "ghost" },
      { questionId: "x", value: 3 },
      { questionId: "n", value: 1 },
      { questionId: "n", value: 2 },
    ]);
    expect(issues.map((i) => i.path)).toEqual([
      "answers.1.questionId",
      "answers.2.text",
      "answers.4.questionId",
    ]);
  });

  it("names the one problem in the message when there is one, and counts them otherwise", () => {
    let one: unknown;
    try {
      checkAnswers(qs, [{ questionId: "ghost" }]);
    } catch (e) {
      one = e;
    }
    expect(isAppError(one) && one.userMessage).toBe(
      "Invalid answers.0.questionId: This question is not part of the attempt",
    );
    let two: unknown;
    try {
      checkAnswers(qs, [{ questionId: "ghost" }, { questionId: "x", value: 3 }]);
    } catch (e) {
      two = e;
    }
    expect(isAppError(two) && two.userMessage).toBe("2 answers are invalid.");
  });

  it("reports one answer with two problems as one invalid answer, naming both", () => {
    // An unknown option plus two options on a single question: two field issues, but only one invalid answer.
    let error: unknown;
    try {
      checkAnswers(qs, [{ questionId: "s", optionIds: ["s-o0", "nope"] }]);
    } catch (e) {
      error = e;
    }
    expect(isAppError(error) && error.fields?.length).toBe(2);
    expect(isAppError(error) && error.userMessage).not.toBe("2 answers are invalid.");
  });
});

describe("pattern grading over a long-running process", () => {
  // Runs last in this file: when it fails it leaves re2-wasm's heap exhausted for the rest of the process.
  it("keeps grading short-text patterns right after thousands of distinct patterns (compiled expressions are freed)", () => {
    const q = shortText("c", ["colour"], "colou?r");
    const answer = { questionId: "c", text: "color" };
    expect(awardUnits(q, answer, false)).toBe(FULL);
    // Authors saving quizzes over days of uptime (or one author saving refused patterns in a loop).
    for (let i = 0; i < 8000; i++) compilePattern(`answer number ${i}|[a-z]{1,3}`);
    expect.soft(compilePattern("colou?r|hue").ok, "a valid pattern still compiles").toBe(true);
    let units: unknown;
    try {
      units = awardUnits(q, answer, false);
    } catch (e) {
      units = e;
    }
    expect(units, "the correct answer is still credited").toBe(FULL);
  });
});
