import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../tests/helpers/db";
import type { Database } from "../db/client";
import { createCourse } from "../db/seed/factories";
import { findCatalogCourses } from "./find-catalog-courses";
import { ZCatalogInput, type TCatalogInput } from "./schemas";

let database: Database;
const titles = async (input: TCatalogInput) =>
  (await findCatalogCourses(database.db, ZCatalogInput.parse({ limit: 50, ...input }), "USD")).items.map(
    (i) => i.title,
  );

const COURSES = [
  {
    title: "Prompt Design Basics",
    description: "Write clear instructions for chat models and check their answers.",
  },
  {
    title: "Neural Network Fundamentals",
    description: "Build a small neural network from scratch and train it with gradient descent.",
  },
  {
    title: "Deep Learning with Python",
    description: "Train networks in Python; a neural model per chapter, from images to text.",
  },
  {
    title: "Data Analysis for Managers",
    description: "Read charts and dashboards, ask better questions. No Python required.",
  },
  { title: "Transformers Explained", description: "Attention, tokens and context windows, step by step." },
  {
    title: "Model Evaluation in Practice",
    description:
      "Evaluate transformers: transformer benchmarks, transformer failure modes and transformer costs.",
  },
];

beforeAll(async () => {
  database = await createTestDatabase();
  for (const [i, c] of COURSES.entries()) {
    // Later courses are newer, so relevance (not recency) must be what puts a title match first.
    await createCourse(database.db, { ...c, published: true, createdAt: new Date(Date.UTC(2026, 0, i + 1)) });
  }
  await createCourse(database.db, {
    title: "Prompting Secrets (draft)",
    description: "Unpublished prompt work.",
    published: false,
  });
});
afterAll(async () => {
  await database?.close();
});

describe("catalog search", () => {
  it("stems English words: searching 'prompting' finds 'Prompt', never a draft", async () => {
    expect(await titles({ q: "prompting" })).toEqual(["Prompt Design Basics"]);
    expect(await titles({ q: "trained" })).toEqual(
      expect.arrayContaining(["Neural Network Fundamentals", "Deep Learning with Python"]),
    );
  });

  it("matches a quoted phrase only where its words are adjacent", async () => {
    expect(await titles({ q: '"neural network"' })).toEqual(["Neural Network Fundamentals"]);
    expect((await titles({ q: "neural network" })).sort()).toEqual(
      ["Deep Learning with Python", "Neural Network Fundamentals"].sort(),
    );
  });

  it("excludes words prefixed with a minus", async () => {
    expect((await titles({ q: "python" })).sort()).toEqual(
      ["Data Analysis for Managers", "Deep Learning with Python"].sort(),
    );
    expect(await titles({ q: "python -charts" })).toEqual(["Deep Learning with Python"]);
    expect(await titles({ q: "train -python" })).toEqual(["Neural Network Fundamentals"]);
  });

  it("supports or between alternatives", async () => {
    expect((await titles({ q: "dashboards or attention" })).sort()).toEqual(
      ["Data Analysis for Managers", "Transformers Explained"].sort(),
    );
  });

  it("ranks title matches first, above descriptions that repeat the word, whatever the recency", async () => {
    expect(await titles({ q: "transformer" })).toEqual([
      "Transformers Explained",
      "Model Evaluation in Practice",
    ]);
    expect(await titles({ q: "python", sort: "relevance" })).toEqual([
      "Deep Learning with Python",
      "Data Analysis for Managers",
    ]);
    // Other sorts still apply to search results.
    expect(await titles({ q: "transformer", sort: "newest" })).toEqual([
      "Model Evaluation in Practice",
      "Transformers Explained",
    ]);
    expect(await titles({ q: "transformer", sort: "price_asc" })).toHaveLength(2);
  });

  it("treats punctuation and operators in a query as text, never as an error", async () => {
    for (const q of [
      "'",
      '"',
      "-",
      "!!",
      "a & b | c",
      "(x",
      ":*",
      "\\",
      "or",
      "the",
      "<script>",
      "ünïcödé",
    ]) {
      await expect(titles({ q }), q).resolves.toEqual(expect.any(Array));
    }
  });
});
