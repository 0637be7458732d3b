/** Words and text for the generated catalogue (scripts/bench-data.ts). */

// The catalogue generator's own words (the catalog bench uses them too).
export { FORMATS, TOPICS } from "../../src/server/db/seed/bulk-catalog";

export const FIRST_NAMES = [
  "Ada",
  "Alan",
  "Grace",
  "Linus",
  "Maya",
  "Sam",
  "Priya",
  "Nia",
  "Jonas",
  "Lucia",
  "Kenji",
  "Amara",
  "Olivia",
  "Mateo",
  "Leo",
  "Sofia",
];

export const LAST_NAMES = [
  "Lindqvist",
  "Osei",
  "Hopper",
  "Nakamura",
  "Garcia",
  "Okafor",
  "Schmidt",
  "Rossi",
  "Kowalski",
  "Haddad",
  "Silva",
  "Novak",
  "Dubois",
  "Tanaka",
  "Mensah",
  "Larsen",
];

export const REVIEW_COMMENTS = [
  "Clear explanations and exercises that actually build on each other.",
  "Good pace. The worked examples were the best part.",
  "Solid material, though the quizzes could be harder.",
  "Exactly what I needed to get started at work.",
  "Some lessons felt rushed; the projects made up for it.",
];

/**
 * A lesson's Markdown (about 1.5 KB: headings, emphasis, a list, a link, a table and a code block, so the
 * lesson page renders and highlights something real). {{topic}}, {{course}}, {{module}} and {{lesson}} are
 * replaced in SQL.
 */
export const LESSON_MARKDOWN = `## {{topic}}: lesson {{lesson}} of module {{module}}

This lesson of *{{course}}* walks through one idea end to end: what problem it solves, how it works, and
how to check that it worked. Read it once quickly, then again with the code open beside it.

### What you will learn

- why **{{topic}}** matters for real systems, not only for benchmarks;
- how to set up a small experiment and read its results honestly;
- which mistakes people make first, and how to notice them early.

### The idea

Start from the simplest baseline that could possibly work. Measure it. Only then add the piece this lesson
is about, and measure again: an improvement you cannot measure is a guess. Keep the data you evaluate on
separate from the data you tune on, and write down every choice you make along the way.

| step | what to look at |
|---|---|
| baseline | accuracy, latency, cost per request |
| change | the same three, on the same data |
| decision | keep the change only if it pays for itself |

\`\`\`python
def evaluate(model, examples):
    """Returns the share of examples the model gets right."""
    correct = 0
    for example in examples:
        if model.predict(example.input) == example.expected:
            correct += 1
    return correct / max(1, len(examples))
\`\`\`

### Try it

Run the function above on the lesson's sample data, change one thing, and run it again. Note both numbers.
See the [course page](/courses) for the other lessons.
`;
