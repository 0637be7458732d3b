import "server-only";
import {
  createMyTokenOperation,
  deleteMeOperation,
  exportMeOperation,
  getMeOperation,
  listMySessionsOperation,
  listMyTokensOperation,
  revokeMySessionOperation,
  revokeMyTokenOperation,
  updateMeOperation,
} from "../accounts/api";
import { adminUserExportOperation, healthOperation } from "../admin/api";
import { assessmentOperations } from "../assessments/api";
import { assignmentOperations } from "../assessments/assignment-api";
import { authoringOperations } from "../authoring/api";
import { exerciseOperations } from "../assessments/exercise-api";
import { sandboxPageOperation, sandboxRuntimeOperation } from "../assessments/sandbox/api";
import { getCourseOperation, listCoursesOperation } from "../catalog/api";
import {
  certificateCredentialOperation,
  didDocumentOperation,
  statusListOperation,
  verifyCredentialOperation,
} from "../credentials/api";
import { getEnv } from "../env";
import {
  certificatePdfOperation,
  enrollOperation,
  grantPrerequisiteExceptionOperation,
  getLessonOperation,
  myCertificatesOperation,
  myEnrollmentsOperation,
  putProgressOperation,
  verifyCertificateOperation,
} from "../learning/api";
import { myPaymentsOperation, stripeWebhookOperation } from "../payments/api";
import { couponOperations } from "../payments/coupon-api";
import { webhookOperations } from "../integrations/api";
import { getPlatformOperation } from "../platform/info";
import {
  deleteReviewOperation,
  listReviewsOperation,
  putReviewOperation,
  reportReviewOperation,
} from "../reviews/api";
import { buildOpenApiDocument } from "./openapi";
import { defineOperation, reply, type Operation } from "./operation";

/** Every /api/v1 operation; the OpenAPI document is built from this list. */
export const apiOperations: readonly Operation[] = [
  getPlatformOperation,
  listCoursesOperation,
  getCourseOperation,
  enrollOperation,
  grantPrerequisiteExceptionOperation,
  getLessonOperation,
  putProgressOperation,
  verifyCertificateOperation,
  certificateCredentialOperation,
  verifyCredentialOperation,
  getMeOperation,
  updateMeOperation,
  exportMeOperation,
  listMySessionsOperation,
  revokeMySessionOperation,
  listMyTokensOperation,
  createMyTokenOperation,
  revokeMyTokenOperation,
  deleteMeOperation,
  myEnrollmentsOperation,
  myCertificatesOperation,
  listReviewsOperation,
  putReviewOperation,
  deleteReviewOperation,
  reportReviewOperation,
  myPaymentsOperation,
  ...couponOperations,
  ...webhookOperations,
  ...assessmentOperations,
  ...assignmentOperations,
  ...exerciseOperations,
  ...authoringOperations,
];

export const openApiOperation = defineOperation({
  operationId: "getOpenApiDocument",
  method: "GET",
  path: "/api/v1/openapi.json",
  summary: "This document",
  tags: ["platform"],
  auth: "public",
  internal: true,
  responses: { 200: { description: "The OpenAPI 3.1 document" } },
  // Built per request: the server URL is the running instance's APP_URL.
  handler: async () =>
    reply(200, buildOpenApiDocument(apiOperations, getEnv().appUrl), {
      "cache-control": "public, max-age=300",
    }),
});

/** Served through the same executor, outside the public document. */
export const internalOperations: readonly Operation[] = [
  openApiOperation,
  healthOperation,
  stripeWebhookOperation,
  certificatePdfOperation,
  didDocumentOperation,
  statusListOperation,
  adminUserExportOperation,
  sandboxPageOperation,
  sandboxRuntimeOperation,
];

export const allOperations: readonly Operation[] = [...apiOperations, ...internalOperations];
