import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorOf } from "../../../tests/helpers/actors";
import { apiClient } from "../../../tests/helpers/api";
import { createTestDatabase, onPostgres } from "../../../tests/helpers/db";
import type { Database } from "../db/client";
import { auditLog, type User } from "../db/schema";
import { createEnrollment, createUser } from "../db/seed/factories";
import { createApiToken } from "../accounts/api-tokens";
import { setLessonProgress } from "../learning/progress";
import type { ApiTokenScope } from "../db/schema/developer";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});
const db = () => database.db;

/** Calls the API with a personal token of `user` holding `scopes`, as a script would. */
async function clientFor(user: User, scopes: ApiTokenScope[] = ["author:write"]) {
  const { secret } = await createApiToken(db(), actorOf(user, "s1"), { name: "script", scopes });
  const call = apiClient({ db });
  return (method: string, path: string, body?: unknown) =>
    call(method, path, { body, headers: { authorization: `Bearer ${secret}` } });
}

let n = 0;
const newCourse = (extra: Record<string, unknown> = {}) => ({
  title: "Prompting in practice",
  slug: `prompting-in-practice-${++n}-${Math.random().toString(36).slice(2, 8)}`,
  description: "Write prompts that work.",
  price: "49.99",
  difficulty: "BEGINNER",
  learningObjectives: [],
  prerequisites: [],
  ...extra,
});

const instructor = () => createUser(db(), { role: "INSTRUCTOR" });

describe("the authoring API", () => {
  it("lets an instructor build a course with two modules, publish it, reorder it, move and delete lessons", async () => {
    const teacher = await instructor();
    const api = await clientFor(teacher);

    const created = await api("POST", "/api/v1/instructor/courses", newCourse());
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ price: 4999, currency: "USD", published: false, modules: [] });
    const courseId: string = created.body.id;

    const m1 = await api("POST", `/api/v1/instructor/courses/${courseId}/modules`, { title: "Basics" });
    const m2 = await api("POST", `/api/v1/instructor/courses/${courseId}/modules`, {
      title: "Going further",
      release: { kind: "after_days", days: 7 },
    });
    expect([m1.status, m2.status]).toEqual([201, 201]);
    expect(m2.body).toMatchObject({ order: 2, published: true, release: { kind: "after_days", days: 7 } });
    const l1 = await api("POST", `/api/v1/instructor/modules/${m1.body.id}/lessons`, { title: "Hello" });
    const l2 = await api("POST", `/api/v1/instructor/modules/${m2.body.id}/lessons`, { title: "Agents" });
    expect([l1.status, l2.status]).toEqual([201, 201]);
    expect(l1.body).toMatchObject({ moduleId: m1.body.id, order: 1, content: "", lessonType: "TEXT" });

    // Everything that is missing, as the editor lists it.
    const early = await api("POST", `/api/v1/instructor/courses/${courseId}/publish`);
    expect(early.status).toBe(409);
    expect(early.body.error.fields.map((f: { path: string }) => f.path)).toEqual([
      "learningObjectives",
      l1.body.id,
      l2.body.id,
    ]);

    for (const lesson of [l1, l2]) {
      const saved = await api("PATCH", `/api/v1/instructor/lessons/${lesson.body.id}`, {
        content: `# ${lesson.body.title as string}\n\nRead this first.`,
        duration: 12,
      });
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      expect(saved.body).toMatchObject({ title: lesson.body.title, duration: 12 });
    }
    const details = await api("PATCH", `/api/v1/instructor/courses/${courseId}`, {
      learningObjectives: ["Write a prompt that works"],
    });
    expect(details.status).toBe(200);
    expect(details.body).toMatchObject({
      title: "Prompting in practice",
      price: 4999,
      learningObjectives: ["Write a prompt that works"],
      publishProblems: [],
      duration: 24,
    });
    const published = await api("POST", `/api/v1/instructor/courses/${courseId}/publish`);
    expect(published.status).toBe(200);
    expect(published.body).toEqual({ published: true, changed: true });

    // Reorder, then a second reorder from the stale view.
    const order = `/api/v1/instructor/courses/${courseId}/modules/order`;
    const ids = [m2.body.id, m1.body.id];
    const reordered = await api("PUT", order, { previousIds: [m1.body.id, m2.body.id], ids });
    expect(reordered.status).toBe(200);
    const modules = await api("GET", `/api/v1/instructor/courses/${courseId}/modules`);
    expect(modules.body.items.map((m: { id: string; order: number }) => [m.id, m.order])).toEqual([
      [m2.body.id, 1],
      [m1.body.id, 2],
    ]);
    const stale = await api("PUT", order, { previousIds: [m1.body.id, m2.body.id], ids });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/changed since/);

    // A new module of a published course is a draft: write a lesson there, then give it content and move it
    // into a published module in one PATCH.
    const drafts = await api("POST", `/api/v1/instructor/courses/${courseId}/modules`, { title: "Drafts" });
    expect(drafts.body.published).toBe(false);
    const l3 = await api("POST", `/api/v1/instructor/modules/${drafts.body.id}/lessons`, { title: "Tools" });
    const emptyMove = await api("PATCH", `/api/v1/instructor/lessons/${l3.body.id}`, {
      moduleId: m1.body.id,
    });
    expect(emptyMove.status).toBe(409);
    const moved = await api("PATCH", `/api/v1/instructor/lessons/${l3.body.id}`, {
      content: "Tools let a model act.",
      moduleId: m1.body.id,
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({ moduleId: m1.body.id, order: 2, title: "Tools" });

    // Deleting a lesson a student has progress in needs the count the 409 gave.
    const student = await createUser(db());
    await createEnrollment(db(), student.id, courseId);
    await setLessonProgress(db(), actorOf(student), l3.body.id, { completed: true });
    const lesson3 = `/api/v1/instructor/lessons/${l3.body.id}`;
    expect((await api("GET", lesson3)).body.studentsWithProgress).toBe(1);
    const unconfirmed = await api("DELETE", lesson3);
    expect(unconfirmed.status).toBe(409);
    expect(unconfirmed.body.error.affected).toBe(1);
    expect((await api("DELETE", `${lesson3}?confirmAffected=0`)).status).toBe(409);
    const deleted = await api("DELETE", `${lesson3}?confirmAffected=${unconfirmed.body.error.affected}`);
    expect(deleted.status).toBe(204);
    expect((await api("GET", lesson3)).status).toBe(404);
    const [entry] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, l3.body.id), eq(auditLog.action, "lesson.deleted")));
    expect(entry).toMatchObject({ actorId: teacher.id, requestId: "test-request" });

    // Unpublishing with a student enrolled needs their number too.
    const unpublish = `/api/v1/instructor/courses/${courseId}/unpublish`;
    const ask = await api("POST", unpublish, {});
    expect(ask.status).toBe(409);
    expect(ask.body.error.enrolled).toBe(1);
    const off = await api("POST", unpublish, { confirmEnrolled: 1 });
    expect(off.body).toEqual({ published: false, changed: true });
    const mine = await api("GET", "/api/v1/instructor/courses");
    expect(mine.body.items).toEqual([expect.objectContaining({ id: courseId, published: false })]);
  });

  it("keeps the fields a PATCH leaves out, and answers invalid fields with 422 naming each", async () => {
    const api = await clientFor(await instructor());
    const course = await api(
      "POST",
      "/api/v1/instructor/courses",
      newCourse({ metaTitle: "Meta", learningObjectives: ["One"], imageUrl: "/covers/a.svg" }),
    );
    const path = `/api/v1/instructor/courses/${course.body.id}`;
    const renamed = await api("PATCH", path, { title: "Renamed" });
    expect(renamed.status).toBe(200);
    const { title, ...rest } = renamed.body;
    const { title: before, ...restBefore } = course.body;
    expect([before, title]).toEqual(["Prompting in practice", "Renamed"]);
    expect(rest).toEqual(restBefore);
    expect((await api("PATCH", path, { metaTitle: null })).body.metaTitle).toBeNull();

    const bad = await api("PATCH", path, { price: "lots", difficulty: "EASY", colour: "red" });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      "body",
      "body.difficulty",
      "body.price",
    ]);
    const nothing = await api("PATCH", path, {});
    expect(nothing.status).toBe(422);
    expect(nothing.body.error.message).toMatch(/at least one field/);
    expect((await api("GET", path)).body).toMatchObject({
      title: "Renamed",
      price: 4999,
      difficulty: "BEGINNER",
    });

    const mod = await api("POST", `${path}/modules`, {
      title: "Basics",
      description: "Where to start",
      release: { kind: "on_date", date: "2027-03-01T09:00:00Z" },
    });
    const patchedModule = await api("PATCH", `/api/v1/instructor/modules/${mod.body.id}`, { title: "Start" });
    expect(patchedModule.body).toMatchObject({
      title: "Start",
      description: "Where to start",
      published: true,
      release: { kind: "on_date", date: "2027-03-01T09:00:00.000Z" },
    });
    const lesson = await api("POST", `/api/v1/instructor/modules/${mod.body.id}/lessons`, { title: "One" });
    const lessonPath = `/api/v1/instructor/lessons/${lesson.body.id}`;
    await api("PATCH", lessonPath, { content: "Text", duration: 9, videoUrl: "https://video.example/1" });
    const retitled = await api("PATCH", lessonPath, { title: "First" });
    expect(retitled.body).toMatchObject({
      title: "First",
      content: "Text",
      duration: 9,
      videoUrl: "https://video.example/1",
    });
    const badLesson = await api("PATCH", lessonPath, { duration: -1, lessonType: "PODCAST" });
    expect(badLesson.status).toBe(422);
    expect(badLesson.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      "body.duration",
      "body.lessonType",
    ]);
    expect((await api("GET", lessonPath)).body.duration).toBe(9);
    const badOrder = await api("PUT", `${path}/modules/order`, {
      previousIds: [mod.body.id],
      ids: ["other"],
    });
    expect(badOrder.status).toBe(422);
    expect(badOrder.body.error.fields).toEqual([
      { path: "body.ids", message: expect.stringMatching(/exactly/) },
    ]);
    const badCount = await api("DELETE", `${lessonPath}?confirmAffected=some`);
    expect(badCount.status).toBe(422);
    expect(badCount.body.error.message).toMatch(/number of students/);
  });

  it("refuses a token without an author scope (403) and lets the services decide who else may", async () => {
    const student = await createUser(db());
    const learner = await clientFor(student, ["learn:read", "learn:write"]);
    const refused = await learner("GET", "/api/v1/instructor/courses");
    expect(refused.status).toBe(403);
    expect(refused.body.error.requiredScopes).toEqual(["author:read"]);
    expect((await learner("POST", "/api/v1/instructor/courses", newCourse())).status).toBe(403);

    const owner = await instructor();
    const api = await clientFor(owner);
    const reader = await clientFor(owner, ["author:read"]);
    const course = await api("POST", "/api/v1/instructor/courses", newCourse());
    const path = `/api/v1/instructor/courses/${course.body.id}`;
    expect((await reader("GET", path)).status).toBe(200);
    const readOnly = await reader("PATCH", path, { title: "Nope" });
    expect(readOnly.status).toBe(403);
    expect(readOnly.body.error.requiredScopes).toEqual(["author:write"]);

    // An instructor who is not on the team: not found, whatever they ask.
    const stranger = await clientFor(await instructor());
    for (const [method, suffix, body] of [
      ["GET", "", undefined],
      ["PATCH", "", { title: "Mine now" }],
      ["DELETE", "", undefined],
      ["POST", "/publish", undefined],
      ["GET", "/instructors", undefined],
      ["POST", "/modules", { title: "Sneaky" }],
    ] as const) {
      const res = await stranger(method, `${path}${suffix}`, body);
      expect(res.status, `${method} ${suffix}`).toBe(404);
    }
    expect((await stranger("GET", "/api/v1/instructor/courses")).body.items).toEqual([]);

    // A co-instructor edits the course but does not change its team or delete it.
    const co = await instructor();
    const added = await api("POST", `${path}/instructors`, { email: co.email.toUpperCase() });
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ added: true, canManage: true });
    expect(added.body.members.map((m: { role: string }) => m.role)).toEqual(["OWNER", "INSTRUCTOR"]);
    const unknown = await api("POST", `${path}/instructors`, { email: "nobody@example.com" });
    expect(unknown.status).toBe(422);
    const coApi = await clientFor(co);
    expect((await coApi("PATCH", path, { title: "Co-written" })).status).toBe(200);
    expect((await coApi("DELETE", path)).status).toBe(403);
    expect((await coApi("POST", `${path}/instructors`, { email: student.email })).status).toBe(403);
    expect((await coApi("DELETE", `${path}/instructors/${owner.id}`)).status).toBe(403);
    const team = await coApi("GET", `${path}/instructors`);
    expect(team.body.canManage).toBe(false);
    expect((await api("DELETE", `${path}/instructors/${owner.id}`)).status).toBe(409);
    expect((await coApi("DELETE", `${path}/instructors/${co.id}`)).status).toBe(204);
    expect((await coApi("GET", path)).status).toBe(404);

    expect((await api("DELETE", path)).status).toBe(204);
    expect((await api("GET", path)).status).toBe(404);
  });

  it.skipIf(!onPostgres)(
    "never loses a concurrent PATCH of another field (the merge happens under the course lock)",
    async () => {
      const api = await clientFor(await instructor());
      const course = await api("POST", "/api/v1/instructor/courses", newCourse());
      const path = `/api/v1/instructor/courses/${course.body.id}`;
      const changes: Record<string, unknown>[] = [
        { title: "Concurrent title" },
        { description: "Concurrent description" },
        { price: "19" },
        { difficulty: "ADVANCED" },
        { metaTitle: "Concurrent meta title" },
        { metaDescription: "Concurrent meta description" },
        { learningObjectives: ["Concurrent objective"] },
        { prerequisites: ["Concurrent prerequisite"] },
        { imageUrl: "/covers/concurrent.svg" },
      ];
      const answers = await Promise.all(changes.map((c) => api("PATCH", path, c)));
      expect(answers.map((a) => a.status)).toEqual(changes.map(() => 200));
      expect((await api("GET", path)).body).toMatchObject({
        ...Object.assign({}, ...changes),
        price: 1900,
      });

      const mod = await api("POST", `${path}/modules`, { title: "Module" });
      const lesson = await api("POST", `/api/v1/instructor/modules/${mod.body.id}/lessons`, { title: "L" });
      const lessonPath = `/api/v1/instructor/lessons/${lesson.body.id}`;
      const modulePath = `/api/v1/instructor/modules/${mod.body.id}`;
      await Promise.all([
        api("PATCH", modulePath, { title: "Concurrent module" }),
        api("PATCH", modulePath, { description: "Concurrent module description" }),
        api("PATCH", modulePath, { release: { kind: "after_days", days: 3 } }),
        api("PATCH", lessonPath, { title: "Concurrent lesson" }),
        api("PATCH", lessonPath, { content: "Concurrent content" }),
        api("PATCH", lessonPath, { duration: 33 }),
        api("PATCH", lessonPath, { resourceUrl: "https://example.com/notes" }),
      ]);
      expect((await api("GET", modulePath)).body).toMatchObject({
        title: "Concurrent module",
        description: "Concurrent module description",
        release: { kind: "after_days", days: 3 },
      });
      expect((await api("GET", lessonPath)).body).toMatchObject({
        title: "Concurrent lesson",
        content: "Concurrent content",
        duration: 33,
        resourceUrl: "https://example.com/notes",
      });
    },
  );
});
