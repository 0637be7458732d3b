import { getPlatformEndpoint } from "../platform/info";

/** Every /api/v1 endpoint; the OpenAPI document is built from this list. */
export const endpoints = [getPlatformEndpoint] as const;
