import "server-only";
import { z } from "zod";
import { defineOperation, reply, type Operation } from "../http/operation";
import {
  audit,
  courseView,
  err,
  id,
  invalid,
  notYours,
  read,
  refused,
  tags,
  write,
  ZCourseListItem,
  ZCourseView,
  ZEnrolledConflict,
  ZTeam,
} from "./api-views";
import { createCourse, deleteCourse, patchCourse, publishCourse, unpublishCourse } from "./courses";
import { addCoInstructor, findCourseTeam, removeCoInstructor } from "./instructors";
import { findMyCourses } from "./queries";
import { ZAddInstructor, ZCourseInputBody, ZCoursePatchBody } from "./schemas";
import { lessons, modules } from "./structure-api";

/*
 * The authoring API: the instructor pages' services over JSON (docs/api.md). The services authorize (course
 * staff; the owner or an admin for the team and deletion) and audit; a handler parses, calls one service and
 * shapes the answer. Courses and their team here; modules and lessons in ./structure-api.ts.
 */

const courses: Operation[] = [
  defineOperation({
    operationId: "listInstructorCourses",
    method: "GET",
    path: "/api/v1/instructor/courses",
    summary: "The courses you teach (an admin: every course), drafts included, most recently edited first",
    tags,
    auth: "user",
    scopes: read,
    responses: {
      200: { description: "Courses", schema: z.object({ items: z.array(ZCourseListItem) }) },
      ...refused,
    },
    handler: async (_input, { db, actor }) => ({ items: await findMyCourses(db, actor) }),
  }),
  defineOperation({
    operationId: "createInstructorCourse",
    method: "POST",
    path: "/api/v1/instructor/courses",
    summary: "Create a draft course; you become its owner",
    tags,
    auth: "user",
    scopes: write,
    body: ZCourseInputBody,
    responses: {
      201: { description: "Created (a draft)", schema: ZCourseView },
      ...refused,
      409: err("The slug is taken"),
      422: invalid,
    },
    handler: async ({ body }, { db, actor, request }) => {
      const course = await createCourse(db, actor, body, audit(request));
      return reply(201, await courseView(db, actor, course.id));
    },
  }),
  defineOperation({
    operationId: "getInstructorCourse",
    method: "GET",
    path: "/api/v1/instructor/courses/{id}",
    summary: "A course you teach, with its modules and lessons and what stands between it and publication",
    tags,
    auth: "user",
    scopes: read,
    params: id,
    responses: {
      200: { description: "The course", schema: ZCourseView },
      ...refused,
      404: notYours("course"),
    },
    handler: ({ params }, { db, actor }) => courseView(db, actor, params.id),
  }),
  defineOperation({
    operationId: "updateInstructorCourse",
    method: "PATCH",
    path: "/api/v1/instructor/courses/{id}",
    summary: "Change some of a course's details; the fields you leave out keep their value",
    description:
      "Each field is validated as the course editor validates it. The change is merged into the current course under its lock, so a concurrent change to another field is kept. After the first publication a new slug keeps the old address as a redirect.",
    tags,
    auth: "user",
    scopes: write,
    params: id,
    body: ZCoursePatchBody,
    responses: {
      200: { description: "The course as saved", schema: ZCourseView },
      ...refused,
      404: notYours("course"),
      409: err("The slug is taken"),
      422: invalid,
    },
    handler: async ({ params, body }, { db, actor, request }) => {
      await patchCourse(db, actor, params.id, body, audit(request));
      return courseView(db, actor, params.id);
    },
  }),
  defineOperation({
    operationId: "deleteInstructorCourse",
    method: "DELETE",
    path: "/api/v1/instructor/courses/{id}",
    summary: "Delete a course nobody enrolled in or paid for (its owner or an admin)",
    tags,
    auth: "user",
    scopes: write,
    params: id,
    responses: {
      204: { description: "Deleted" },
      ...refused,
      404: notYours("course"),
      409: err("It has enrollments or payments: unpublish it instead"),
    },
    handler: async ({ params }, { db, actor, request }) => {
      await deleteCourse(db, actor, params.id, audit(request));
      return reply(204);
    },
  }),
  defineOperation({
    operationId: "publishInstructorCourse",
    method: "POST",
    path: "/api/v1/instructor/courses/{id}/publish",
    summary: "Publish a course whose content is complete (publishing a published course changes nothing)",
    tags,
    auth: "user",
    scopes: write,
    params: id,
    responses: {
      200: {
        description: "Published",
        schema: z.object({ published: z.literal(true), changed: z.boolean() }),
      },
      ...refused,
      404: notYours("course"),
      409: err(
        "Not complete: `fields` lists what is missing (path: a lesson id, a module id, `learningObjectives` or `modules`)",
      ),
    },
    handler: async ({ params }, { db, actor, request }) => {
      const { changed } = await publishCourse(db, actor, params.id, audit(request));
      return { published: true, changed };
    },
  }),
  defineOperation({
    operationId: "unpublishInstructorCourse",
    method: "POST",
    path: "/api/v1/instructor/courses/{id}/unpublish",
    summary: "Take a course out of the catalog; enrolled students keep access",
    tags,
    auth: "user",
    scopes: write,
    params: id,
    body: z
      .object({
        confirmEnrolled: z.coerce
          .number({ message: "Give the number of students the 409 answer gave (error.enrolled)." })
          .int()
          .min(0)
          .optional()
          .describe("The number of enrolled students, as the 409 answer gave it"),
      })
      .strict(),
    responses: {
      200: {
        description: "Unpublished",
        schema: z.object({ published: z.literal(false), changed: z.boolean() }),
      },
      ...refused,
      404: notYours("course"),
      409: { description: "Students are enrolled: confirm with their number", schema: ZEnrolledConflict },
      422: invalid,
    },
    handler: async ({ params, body }, { db, actor, request }) => {
      const { changed } = await unpublishCourse(
        db,
        actor,
        { courseId: params.id, confirmEnrolled: body.confirmEnrolled },
        audit(request),
      );
      return { published: false, changed };
    },
  }),
];

const team: Operation[] = [
  defineOperation({
    operationId: "listCourseInstructors",
    method: "GET",
    path: "/api/v1/instructor/courses/{id}/instructors",
    summary: "Who teaches a course, and what you may change about its team",
    tags,
    auth: "user",
    scopes: read,
    params: id,
    responses: { 200: { description: "The team", schema: ZTeam }, ...refused, 404: notYours("course") },
    handler: ({ params }, { db, actor }) => findCourseTeam(db, actor, params.id),
  }),
  defineOperation({
    operationId: "addCourseInstructor",
    method: "POST",
    path: "/api/v1/instructor/courses/{id}/instructors",
    summary: "Add a co-instructor by the e-mail of their instructor account (the owner or an admin)",
    description:
      "They are told by e-mail. An address that is not an instructor's account gets the same 422 whatever the reason, so the answer reveals no account.",
    tags,
    auth: "user",
    scopes: write,
    params: id,
    body: ZAddInstructor.omit({ courseId: true }).strict(),
    responses: {
      200: {
        description: "The team; `added` is false when they were on it already",
        schema: ZTeam.extend({ added: z.boolean() }),
      },
      401: refused[401],
      403: err("A co-instructor (only the owner or an admin changes the team), or not an instructor"),
      404: notYours("course"),
      422: invalid,
    },
    handler: async ({ params, body }, { db, actor, request }) => {
      const { added } = await addCoInstructor(db, actor, { ...body, courseId: params.id }, audit(request));
      return { added, ...(await findCourseTeam(db, actor, params.id)) };
    },
  }),
  defineOperation({
    operationId: "removeCourseInstructor",
    method: "DELETE",
    path: "/api/v1/instructor/courses/{id}/instructors/{userId}",
    summary: "Remove a co-instructor (the owner or an admin), or leave a course you co-teach (your own id)",
    tags,
    auth: "user",
    scopes: write,
    params: z.object({ id: z.string().min(1).max(64), userId: z.string().min(1).max(64) }),
    responses: {
      204: { description: "Removed" },
      401: refused[401],
      403: err("A co-instructor removing someone else, or not an instructor"),
      404: err("No such course or member, or not one of your courses"),
      409: err("The owner (transfer ownership first), or the last instructor"),
    },
    handler: async ({ params }, { db, actor, request }) => {
      await removeCoInstructor(db, actor, { courseId: params.id, userId: params.userId }, audit(request));
      return reply(204);
    },
  }),
];

/** Every authoring operation (tag `authoring`): reads need author:read, writes author:write. */
export const authoringOperations: Operation[] = [...courses, ...modules, ...lessons, ...team];
