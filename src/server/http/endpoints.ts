import {
  deleteMeEndpoint,
  exportMeEndpoint,
  listMySessionsEndpoint,
  revokeMySessionEndpoint,
} from "../accounts/api";
import { getCourseEndpoint, listCoursesEndpoint } from "../catalog/api";
import {
  enrollEndpoint,
  getLessonEndpoint,
  myCertificatesEndpoint,
  myEnrollmentsEndpoint,
  putProgressEndpoint,
  verifyCertificateEndpoint,
} from "../learning/api";
import { getPlatformEndpoint } from "../platform/info";
import { myPaymentsEndpoint } from "../payments/api";
import {
  deleteReviewEndpoint,
  listReviewsEndpoint,
  putReviewEndpoint,
  reportReviewEndpoint,
} from "../reviews/api";

/** Every /api/v1 endpoint; the OpenAPI document is built from this list. */
export const endpoints = [
  getPlatformEndpoint,
  listCoursesEndpoint,
  getCourseEndpoint,
  enrollEndpoint,
  getLessonEndpoint,
  putProgressEndpoint,
  verifyCertificateEndpoint,
  exportMeEndpoint,
  listMySessionsEndpoint,
  revokeMySessionEndpoint,
  deleteMeEndpoint,
  myEnrollmentsEndpoint,
  myCertificatesEndpoint,
  listReviewsEndpoint,
  putReviewEndpoint,
  deleteReviewEndpoint,
  reportReviewEndpoint,
  myPaymentsEndpoint,
] as const;
