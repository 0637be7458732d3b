import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorOf } from "../../../tests/helpers/actors";
import { apiClient } from "../../../tests/helpers/api";
import { createTestDatabase } from "../../../tests/helpers/db";
import type { Actor } from "../accounts/actor";
import type { Database } from "../db/client";
import { createCourseTree, createEnrollment, createUser } from "../db/seed/factories";
import { setLessonProgress } from "../learning/progress";

let database: Database;
let current: Actor | null = null;
const api = apiClient({ db: () => database.db, actor: () => current });

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe("the reviews API", () => {
  it("answers every operation as its OpenAPI document says", async () => {
    const tree = await createCourseTree(database.db, [2], { published: true });
    const slug = tree.course.slug;
    const u = await createUser(database.db, { emailVerified: new Date(), name: "Api Student" });
    await createEnrollment(database.db, u.id, tree.course.id);
    const put = (body: unknown) =>
      api("PUT", `/api/v1/courses/${slug}/review`, { body, headers: { origin: "http://localhost:3000" } });
    const list = (query = "") => api("GET", `/api/v1/courses/${slug}/reviews${query}`);

    current = null;
    expect((await put({ rating: 5 })).status).toBe(401);
    current = actorOf(u);
    const notYet = await put({ rating: 5 });
    expect(notYet.status).toBe(403);
    expect(notYet.body.error.message).toMatch(/Complete at least one lesson/);
    await setLessonProgress(database.db, current, tree.lessons[0]!.id, { completed: true });

    const invalid = await put({ rating: 9, comment: 42 });
    expect(invalid.status).toBe(422);
    expect(invalid.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      "body.comment",
      "body.rating",
    ]);
    const created = await put({ rating: 4, comment: "<b>Good</b>" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ rating: 4, comment: "<b>Good</b>", authorName: "Api Student" });
    const updated = await put({ rating: 3 });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id: created.body.id, rating: 3, comment: null });

    const page = await list("?limit=1");
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({
      items: [{ id: created.body.id, rating: 3, completedCourse: false }],
      nextCursor: null,
      summary: { count: 1, average: 3 },
    });
    expect((await list("?limit=0")).status).toBe(422);
    expect((await list("?cursor=bogus")).status).toBe(422);
    const unknown = await api("GET", "/api/v1/courses/nope/reviews");
    expect(unknown.status).toBe(404);

    const report = (id: string, body: unknown) => api("POST", `/api/v1/reviews/${id}/report`, { body });
    expect((await report(created.body.id, { reason: "mine" })).status).toBe(403);
    current = actorOf(await createUser(database.db));
    expect((await report(created.body.id, { reason: "" })).status).toBe(422);
    expect((await report(created.body.id, { reason: "Not about the course" })).status).toBe(202);
    expect((await report(created.body.id, { reason: "Not about the course" })).status).toBe(202);
    expect((await report("no-such-review", { reason: "x" })).status).toBe(404);

    const del = () => api("DELETE", `/api/v1/courses/${slug}/review`);
    current = actorOf(u);
    expect((await del()).status).toBe(204);
    expect((await del()).status).toBe(404);
    expect((await list()).body).toMatchObject({ items: [], summary: { count: 0, average: null } });
  });
});
