import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient } from "../../../tests/helpers/api";
import { createTestDatabase, onPostgres } from "../../../tests/helpers/db";
import type { BenchData } from "../../../scripts/bench/data-file";
import { openPostgres, type Database, type PostgresDatabase } from "../db/client";
import type { Actor } from "../accounts/actor";
import { findLiveSession } from "../auth/adapter";

/**
 * Every statement of the learner's hot paths, planned by PostgreSQL on a generated school (bench:data: 20,000
 * users, 60,000 enrollments, 400,000 progress rows, 3,000 sessions; analyzed), reads through indexes: none scans a large
 * table sequentially. The statements are the ones the operations really send (recorded on the connection),
 * then explained with the same parameters. PostgreSQL only (the generator is PostgreSQL's).
 */
const LARGE = new Set([
  "users",
  "sessions",
  "courses",
  "modules",
  "lessons",
  "enrollments",
  "user_progress",
  "certificates",
  "payments",
  "course_reviews",
]);

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  Plans?: PlanNode[];
}

describe.runIf(onPostgres)("learner paths on a generated school: index-backed", () => {
  let database: Database & { url?: string };
  let traced: PostgresDatabase;
  let data: BenchData;
  let recorded: { text: string; values: unknown[] }[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "aiw-plans-")), "data.json");
    await promisify(execFile)(
      path.resolve("node_modules/.bin/tsx"),
      [
        "--conditions=react-server",
        "scripts/bench-data.ts",
        ...["--users", "20000", "--courses", "100", "--enrollments", "60000", "--progress", "400000"],
        ...["--sessions", "3000", "--out", out, "--force"],
      ],
      // eslint-disable-next-line no-restricted-properties -- the generator inherits PATH and HOME as given
      { env: { ...process.env, DATABASE_URL: database.url! }, timeout: 240_000 },
    );
    data = JSON.parse(fs.readFileSync(out, "utf8")) as BenchData;
    traced = openPostgres(database.url!, 1, { prepareThreshold: 0 });
    traced.pool.on("connect", (client) => {
      const original = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
        const config = args[0] as { text?: string; values?: unknown[] } | string;
        const text = typeof config === "string" ? config : config?.text;
        const values =
          (Array.isArray(args[1]) ? args[1] : typeof config === "object" ? config?.values : []) ?? [];
        if (text && /^\s*(select|with|insert|update|delete)\b/i.test(text)) recorded.push({ text, values });
        return original(...args);
      };
    });
  }, 300_000);
  afterAll(async () => {
    await traced?.close();
    await database?.close();
  });

  async function seqScans(statement: { text: string; values: unknown[] }): Promise<string[]> {
    const client = await (database as PostgresDatabase).pool.connect();
    try {
      const { rows } = await client.query<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(
        `EXPLAIN (FORMAT JSON) ${statement.text}`,
        statement.values,
      );
      const found: string[] = [];
      const visit = (n: PlanNode) => {
        if (n["Node Type"] === "Seq Scan" && LARGE.has(n["Relation Name"] ?? ""))
          found.push(n["Relation Name"]!);
        n.Plans?.forEach(visit);
      };
      visit(rows[0]!["QUERY PLAN"][0].Plan);
      return found;
    } finally {
      client.release();
    }
  }

  /** Runs `calls` as a session user through the API and checks every statement they sent. */
  async function expectIndexBacked(
    label: string,
    calls: (api: ReturnType<typeof apiClient>) => Promise<void>,
  ) {
    recorded = [];
    const s = data.sessions[0]!;
    const actor: Actor = { id: s.userId, role: "STUDENT", email: "bench@example.com", emailVerified: true };
    await calls(apiClient({ db: () => traced.db, actor: () => actor }));
    expect(recorded.length, `${label}: no statement recorded`).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const statement of recorded) {
      const scans = await seqScans(statement);
      if (scans.length > 0) problems.push(`${scans.join(", ")} ← ${statement.text.slice(0, 160)}`);
    }
    expect(problems, label).toEqual([]);
  }

  const write = { headers: { origin: "http://localhost:3000", cookie: "authjs.session-token=x" } };

  it("has the generated data", () => {
    expect(data.sizes.lessonProgress).toBe(400_000);
    expect(data.sizes.enrollments).toBe(60_000);
    expect(data.sessions.length).toBe(3000);
  });

  it("the session lookup of every signed-in request", () =>
    expectIndexBacked("session", async () => {
      expect(await findLiveSession(traced.db, data.sessions[0]!.token)).not.toBeNull();
    }));

  it("the course page with its syllabus", () =>
    expectIndexBacked("course", async (api) => {
      expect((await api("GET", `/api/v1/courses/${data.sessions[0]!.courseSlug}`)).status).toBe(200);
    }));

  it("my enrollments (the dashboard)", () =>
    expectIndexBacked("enrollments", async (api) => {
      expect((await api("GET", "/api/v1/me/enrollments")).status).toBe(200);
    }));

  it("opening a lesson (access check and content)", () =>
    expectIndexBacked("lesson", async (api) => {
      expect((await api("GET", `/api/v1/lessons/${data.sessions[0]!.lessonId}`)).status).toBe(200);
    }));

  it("completing lessons, with the enrollment's lock and the recount, to the certificate", () =>
    expectIndexBacked("completion", async (api) => {
      for (const lessonId of data.sessions[0]!.lessonIds) {
        const res = await api("PUT", `/api/v1/lessons/${lessonId}/progress`, {
          ...write,
          body: { completed: true },
        });
        expect([200, 409]).toContain(res.status); // 409: a lesson completed by its assessment
      }
    }));

  it("my certificates, and a public certificate lookup", () =>
    expectIndexBacked("certificates", async (api) => {
      const mine = await api("GET", "/api/v1/me/certificates");
      expect(mine.status).toBe(200);
      const number = mine.body.items?.[0]?.certificateNumber ?? mine.body[0]?.certificateNumber ?? "AIW-NONE";
      expect([200, 404]).toContain((await api("GET", `/api/v1/certificates/${number}`)).status);
    }));
});
