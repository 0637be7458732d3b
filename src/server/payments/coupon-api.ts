import { z } from "zod";
import { defineOperation, reply } from "../http/operation";
import { ZApiError, ZPrerequisitesError } from "../http/problem";
import { ZEnrollment } from "../learning/api";
import { startCheckout } from "./checkout";
import {
  createCoupon,
  getCoupon,
  listCoupons,
  updateCoupon,
  ZCouponCreate,
  ZCouponList,
  ZCouponUpdate,
} from "./coupon-admin";
import { COUPON_REASONS, quoteCoursePrice, ZCouponQuery } from "./coupons";
import { getPaymentProvider } from "./providers";

const ts = z.iso.datetime({ offset: true });
const err = (description: string) => ({ description, schema: ZApiError });
const slugParams = z.object({ slug: z.string().min(1).max(200) });
const ZReason = z.enum(COUPON_REASONS);

const ZCouponInvalidError = z.object({
  error: z.object({
    code: z.literal("COUPON_INVALID"),
    reason: ZReason,
    message: z.string(),
    requestId: z.string().optional(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

export const getCoursePriceOperation = defineOperation({
  operationId: "getCoursePrice",
  method: "GET",
  path: "/api/v1/courses/{slug}/price",
  summary: "A course's price, and what a coupon would take off it",
  description:
    "Amounts are in cents of `currency`. Without `coupon`, `coupon` is null. A refused code answers 200 with `valid: false` and a fixed `reason` (and a human `message`); for a signed-in caller the per-user limit is checked too. Rate-limited.",
  tags: ["payments"],
  auth: "optional",
  scopes: ["learn:read"],
  params: slugParams,
  query: z.object({ coupon: ZCouponQuery.optional().describe("A coupon code (case-insensitive)") }),
  responses: {
    200: {
      description: "The price",
      schema: z.object({
        price: z.number().int(),
        discount: z.number().int(),
        finalPrice: z.number().int(),
        currency: z.string(),
        coupon: z
          .object({
            code: z.string(),
            valid: z.boolean(),
            reason: ZReason.optional(),
            message: z.string().optional(),
          })
          .nullable(),
      }),
    },
    404: err("No such published course"),
    429: err("Too many codes tried: wait a few minutes"),
  },
  handler: async ({ params, query }, { db, actor, request }) =>
    quoteCoursePrice(db, actor, params.slug, query.coupon, { ip: request.ip }),
});

export const checkoutOperation = defineOperation({
  operationId: "startCheckout",
  method: "POST",
  path: "/api/v1/courses/{slug}/checkout",
  summary: "Buy a paid course, optionally with a coupon",
  description:
    "Opens (or reuses) a checkout with the payment provider: 201 with the address to send the buyer to. A coupon that takes the whole price enrolls at once: 200 with the enrollment. A coupon that cannot be used: 422 `COUPON_INVALID` with its `reason`; nothing changes.",
  tags: ["payments"],
  auth: "user",
  scopes: ["learn:write"],
  params: slugParams,
  body: z.object({ couponCode: z.string().trim().max(64).optional() }).default({}),
  responses: {
    201: {
      description: "A checkout to complete at the provider",
      schema: z.object({ checkoutUrl: z.string(), paymentId: z.string() }),
    },
    200: {
      description: "Enrolled: a coupon paid for everything",
      schema: z.object({ enrollment: ZEnrollment, paymentId: z.string() }),
    },
    401: err("Not signed in"),
    403: err("E-mail address not confirmed, or a cross-site request"),
    404: err("No such published course"),
    409: {
      description:
        "Already yours, free, a previous checkout still processing, or PREREQUISITES_NOT_MET with the courses to complete first",
      schema: ZPrerequisitesError,
    },
    422: { description: "The coupon cannot be used", schema: ZCouponInvalidError },
    429: err("Too many checkouts"),
    503: err("No payment provider on this instance"),
  },
  handler: async ({ params, body }, { db, actor, request }) => {
    const outcome = await startCheckout(
      db,
      actor,
      params.slug,
      getPaymentProvider(),
      { requestId: request.requestId, ip: request.ip },
      body?.couponCode,
    );
    return outcome.kind === "checkout"
      ? reply(201, { checkoutUrl: outcome.url, paymentId: outcome.paymentId })
      : reply(200, { enrollment: outcome.enrollment, paymentId: outcome.paymentId });
  },
});

const ZCouponView = z.object({
  id: z.string(),
  code: z.string(),
  percentOff: z.number().int().nullable(),
  amountOff: z.number().int().nullable(),
  courseId: z.string().nullable(),
  courseTitle: z.string().nullable(),
  startsAt: ts.nullable(),
  endsAt: ts.nullable(),
  maxRedemptions: z.number().int().nullable(),
  perUserLimit: z.number().int(),
  active: z.boolean(),
  redemptions: z.number().int().describe("Uses reserved by open checkouts plus completed ones"),
  createdAt: ts,
  updatedAt: ts,
  state: z
    .enum(["ACTIVE", "INACTIVE", "SCHEDULED", "EXPIRED", "USED_UP"])
    .describe("Whether a buyer could use it now (per-user limits aside)"),
});
const idParams = z.object({ id: z.string().min(1).max(64) });
const audit = (request: { requestId: string; ip: string | null }) => ({
  requestId: request.requestId,
  ip: request.ip,
});

export const listCouponsOperation = defineOperation({
  operationId: "listCoupons",
  method: "GET",
  path: "/api/v1/coupons",
  summary: "Coupons the caller manages (admins: all; course owners: their courses')",
  tags: ["coupons"],
  auth: "user",
  scopes: ["author:read"],
  query: ZCouponList,
  responses: {
    200: {
      description: "Newest first",
      schema: z.object({ items: z.array(ZCouponView), nextCursor: z.string().nullable() }),
    },
    401: err("Not signed in"),
    403: err("Students manage no coupons"),
    422: err("Invalid filter or cursor"),
  },
  handler: async ({ query }, { db, actor }) => listCoupons(db, actor, query),
});

export const createCouponOperation = defineOperation({
  operationId: "createCoupon",
  method: "POST",
  path: "/api/v1/coupons",
  summary: "Create a coupon",
  description:
    "`percentOff` (1–100) or `amountOff` (cents), not both. Without `courseId` the coupon applies to every course (admins only); a course's owner may create coupons for that course.",
  tags: ["coupons"],
  auth: "user",
  scopes: ["author:write"],
  body: ZCouponCreate,
  responses: {
    201: { description: "Created", schema: z.object({ coupon: ZCouponView }) },
    401: err("Not signed in"),
    403: err("Not an admin or the course's owner"),
    404: err("No such course among the caller's"),
    409: err("The code is taken"),
    422: err("Invalid coupon"),
  },
  handler: async ({ body }, { db, actor, request }) =>
    reply(201, { coupon: await createCoupon(db, actor, body, audit(request)) }),
});

export const getCouponOperation = defineOperation({
  operationId: "getCoupon",
  method: "GET",
  path: "/api/v1/coupons/{id}",
  summary: "One coupon, with its uses",
  tags: ["coupons"],
  auth: "user",
  scopes: ["author:read"],
  params: idParams,
  responses: {
    200: { description: "The coupon", schema: z.object({ coupon: ZCouponView }) },
    401: err("Not signed in"),
    403: err("Students manage no coupons"),
    404: err("No such coupon among the caller's"),
  },
  handler: async ({ params }, { db, actor }) => ({ coupon: await getCoupon(db, actor, params.id) }),
});

export const updateCouponOperation = defineOperation({
  operationId: "updateCoupon",
  method: "PATCH",
  path: "/api/v1/coupons/{id}",
  summary: "Change a coupon; deactivate it with { active: false }",
  description: "Code and course are fixed once created. A coupon is never deleted: deactivate it.",
  tags: ["coupons"],
  auth: "user",
  scopes: ["author:write"],
  params: idParams,
  body: ZCouponUpdate,
  responses: {
    200: { description: "The coupon as changed", schema: z.object({ coupon: ZCouponView }) },
    401: err("Not signed in"),
    403: err("Not an admin or the course's owner"),
    404: err("No such coupon among the caller's"),
    422: err("Invalid change"),
  },
  handler: async ({ params, body }, { db, actor, request }) => ({
    coupon: await updateCoupon(db, actor, params.id, body, audit(request)),
  }),
});

export const couponOperations = [
  getCoursePriceOperation,
  checkoutOperation,
  listCouponsOperation,
  createCouponOperation,
  getCouponOperation,
  updateCouponOperation,
];
