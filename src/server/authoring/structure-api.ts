import "server-only";
import { z } from "zod";
import { defineOperation, reply, type Operation } from "../http/operation";
import {
  audit,
  courseView,
  err,
  id,
  invalid,
  lessonView,
  moduleOf,
  notYours,
  read,
  refused,
  tags,
  write,
  ZAffectedConflict,
  ZLessonSummary,
  ZLessonView,
  ZModuleView,
} from "./api-views";
import { patchLesson } from "./lessons";
import { getModuleForEditing } from "./queries";
import { ZLessonPatch, ZModuleInput, ZModulePatch, ZNewLessonInput } from "./schemas";
import {
  createLesson,
  createModule,
  deleteLesson,
  deleteModule,
  patchModule,
  reorderLessons,
  reorderModules,
} from "./structure";

/* The authoring API's modules and lessons (src/server/authoring/api.ts). */

const ZConfirmAffected = z.object({
  confirmAffected: z.coerce
    .number({ message: "Give the number of students the 409 answer gave (error.affected)." })
    .int()
    .min(0)
    .max(1_000_000_000)
    .optional()
    .describe("The number of students with progress, as the 409 answer gave it"),
});
/** DELETE of a module or a lesson: 409 with `error.affected` until `?confirmAffected=` repeats that count. */
function confirmedDelete(d: {
  operationId: string;
  path: string;
  what: "module" | "lesson";
  summary: string;
  description: string;
  remove: typeof deleteModule;
}) {
  return defineOperation({
    operationId: d.operationId,
    method: "DELETE",
    path: d.path,
    summary: d.summary,
    description: d.description,
    tags,
    auth: "user",
    scopes: write,
    params: id,
    query: ZConfirmAffected,
    responses: {
      204: { description: "Deleted" },
      ...refused,
      404: notYours(d.what),
      409: {
        description:
          "Students have progress (confirm with `affected`), or a published course would be incomplete",
        schema: ZAffectedConflict,
      },
      422: invalid,
    },
    handler: async ({ params, query }, { db, actor, request }) => {
      await d.remove(
        db,
        actor,
        { id: params.id, confirmAffected: query.confirmAffected ?? 0 },
        audit(request),
      );
      return reply(204);
    },
  });
}

const ZOrder = z
  .object({
    previousIds: z.array(z.string().min(1).max(64)).min(1).max(500).describe("The order you last saw"),
    ids: z.array(z.string().min(1).max(64)).min(1).max(500).describe("The new order: the same ids"),
  })
  .strict()
  .refine(
    (v) =>
      v.ids.length === v.previousIds.length && [...v.ids].sort().join() === [...v.previousIds].sort().join(),
    { message: "The new order must contain exactly the items of previousIds.", path: ["ids"] },
  );
const orderDescription =
  "Sends the complete new order and the order the client last saw: 409 when the current order differs from `previousIds` (someone else added, removed or reordered meanwhile).";

export const modules: Operation[] = [
  defineOperation({
    operationId: "listCourseModules",
    method: "GET",
    path: "/api/v1/instructor/courses/{id}/modules",
    summary: "A course's modules in order, each with its lessons",
    tags,
    auth: "user",
    scopes: read,
    params: id,
    responses: {
      200: { description: "Modules", schema: z.object({ items: z.array(ZModuleView) }) },
      ...refused,
      404: notYours("course"),
    },
    handler: async ({ params }, { db, actor }) => ({
      items: (await courseView(db, actor, params.id)).modules,
    }),
  }),
  defineOperation({
    operationId: "createModule",
    method: "POST",
    path: "/api/v1/instructor/courses/{id}/modules",
    summary: "Add a module at the end of a course (always a draft in a published course)",
    tags,
    auth: "user",
    scopes: write,
    params: id,
    body: ZModuleInput.omit({ courseId: true }).strict(),
    responses: {
      201: { description: "Created; `published` says whether it became a draft", schema: ZModuleView },
      ...refused,
      404: notYours("course"),
      422: invalid,
    },
    handler: async ({ params, body }, { db, actor, request }) => {
      const created = await createModule(db, actor, { ...body, courseId: params.id }, audit(request));
      const { courseId, module, order } = await getModuleForEditing(db, actor, created.id);
      return reply(201, moduleOf(courseId, module, order));
    },
  }),
  defineOperation({
    operationId: "getModule",
    method: "GET",
    path: "/api/v1/instructor/modules/{id}",
    summary: "A module with its lessons",
    tags,
    auth: "user",
    scopes: read,
    params: id,
    responses: {
      200: { description: "The module", schema: ZModuleView },
      ...refused,
      404: notYours("module"),
    },
    handler: async ({ params }, { db, actor }) => {
      const { courseId, module, order } = await getModuleForEditing(db, actor, params.id);
      return moduleOf(courseId, module, order);
    },
  }),
  defineOperation({
    operationId: "updateModule",
    method: "PATCH",
    path: "/api/v1/instructor/modules/{id}",
    summary: "Change some of a module's fields (title, description, published, release)",
    description:
      "The fields you leave out keep their value (merged under the course's lock). In a published course a module is published only with complete content, and the last published module stays published (409).",
    tags,
    auth: "user",
    scopes: write,
    params: id,
    body: ZModulePatch,
    responses: {
      200: { description: "The module as saved", schema: ZModuleView },
      ...refused,
      404: notYours("module"),
      409: err("The change would leave a published course incomplete (`fields` says what)"),
      422: invalid,
    },
    handler: async ({ params, body }, { db, actor, request }) => {
      await patchModule(db, actor, params.id, body, audit(request));
      const { courseId, module, order } = await getModuleForEditing(db, actor, params.id);
      return moduleOf(courseId, module, order);
    },
  }),
  confirmedDelete({
    operationId: "deleteModule",
    path: "/api/v1/instructor/modules/{id}",
    what: "module",
    summary: "Delete a module and its lessons",
    description:
      "When students have progress in its lessons the answer is 409 with `error.affected`; repeat with `?confirmAffected=` that number to delete it (their progress goes, percentages are recomputed; completions and certificates stay).",
    remove: deleteModule,
  }),
  defineOperation({
    operationId: "reorderModules",
    method: "PUT",
    path: "/api/v1/instructor/courses/{id}/modules/order",
    summary: "Reorder a course's modules",
    description: orderDescription,
    tags,
    auth: "user",
    scopes: write,
    params: id,
    body: ZOrder,
    responses: {
      200: { description: "The new order", schema: z.object({ ids: z.array(z.string()) }) },
      ...refused,
      404: notYours("course"),
      409: err("The modules changed since `previousIds`: reload"),
      422: invalid,
    },
    handler: async ({ params, body }, { db, actor, request }) => {
      await reorderModules(db, actor, { parentId: params.id, ...body }, audit(request));
      return { ids: body.ids };
    },
  }),
];

export const lessons: Operation[] = [
  defineOperation({
    operationId: "listModuleLessons",
    method: "GET",
    path: "/api/v1/instructor/modules/{id}/lessons",
    summary: "A module's lessons in order",
    tags,
    auth: "user",
    scopes: read,
    params: id,
    responses: {
      200: { description: "Lessons", schema: z.object({ items: z.array(ZLessonSummary) }) },
      ...refused,
      404: notYours("module"),
    },
    handler: async ({ params }, { db, actor }) => {
      const { courseId, module, order } = await getModuleForEditing(db, actor, params.id);
      return { items: moduleOf(courseId, module, order).lessons };
    },
  }),
  defineOperation({
    operationId: "createLesson",
    method: "POST",
    path: "/api/v1/instructor/modules/{id}/lessons",
    summary: "Add an empty lesson at the end of a module (write its content with PATCH)",
    description:
      "Refused (409) in a published module of a published course, where students would meet it empty: write new lessons in a draft module and move them in (PATCH with `moduleId`).",
    tags,
    auth: "user",
    scopes: write,
    params: id,
    body: ZNewLessonInput.omit({ moduleId: true }).strict(),
    responses: {
      201: { description: "Created", schema: ZLessonView },
      ...refused,
      404: notYours("module"),
      409: err("A published module of a published course"),
      422: invalid,
    },
    handler: async ({ params, body }, { db, actor, request }) => {
      const created = await createLesson(db, actor, { ...body, moduleId: params.id }, audit(request));
      return reply(201, await lessonView(db, actor, created.id));
    },
  }),
  defineOperation({
    operationId: "getInstructorLesson",
    method: "GET",
    path: "/api/v1/instructor/lessons/{id}",
    summary: "A lesson with its content, for editing",
    tags,
    auth: "user",
    scopes: read,
    params: id,
    responses: {
      200: { description: "The lesson", schema: ZLessonView },
      ...refused,
      404: notYours("lesson"),
    },
    handler: ({ params }, { db, actor }) => lessonView(db, actor, params.id),
  }),
  defineOperation({
    operationId: "updateLesson",
    method: "PATCH",
    path: "/api/v1/instructor/lessons/{id}",
    summary: "Change some of a lesson's fields, and/or move it to another module of its course (`moduleId`)",
    description:
      "The fields you leave out keep their value (merged under the course's lock). With `moduleId` the lesson moves to the end of that module, after the fields are saved, in the same transaction: a lesson written in a draft module can be given its content and moved into a published one at once. In a published course a published module's lessons keep content (409).",
    tags,
    auth: "user",
    scopes: write,
    params: id,
    body: ZLessonPatch,
    responses: {
      200: { description: "The lesson as saved", schema: ZLessonView },
      ...refused,
      404: err("No such lesson or module, or not one of your courses"),
      409: err("The change would leave a published course incomplete (`fields` says what)"),
      422: invalid,
    },
    handler: async ({ params, body }, { db, actor, request }) => {
      await patchLesson(db, actor, params.id, body, audit(request));
      return lessonView(db, actor, params.id);
    },
  }),
  confirmedDelete({
    operationId: "deleteLesson",
    path: "/api/v1/instructor/lessons/{id}",
    what: "lesson",
    summary: "Delete a lesson",
    description:
      "When students have progress in it the answer is 409 with `error.affected`; repeat with `?confirmAffected=` that number to delete it.",
    remove: deleteLesson,
  }),
  defineOperation({
    operationId: "reorderLessons",
    method: "PUT",
    path: "/api/v1/instructor/modules/{id}/lessons/order",
    summary: "Reorder a module's lessons",
    description: orderDescription,
    tags,
    auth: "user",
    scopes: write,
    params: id,
    body: ZOrder,
    responses: {
      200: { description: "The new order", schema: z.object({ ids: z.array(z.string()) }) },
      ...refused,
      404: notYours("module"),
      409: err("The lessons changed since `previousIds`: reload"),
      422: invalid,
    },
    handler: async ({ params, body }, { db, actor, request }) => {
      await reorderLessons(db, actor, { parentId: params.id, ...body }, audit(request));
      return { ids: body.ids };
    },
  }),
];
