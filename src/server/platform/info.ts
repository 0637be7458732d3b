import { z } from "zod";
import { getEnv } from "../env";
import { defineOperation } from "../http/operation";

export const PLATFORM_NAME = "AI Whisperers";

export const ZPlatformInfo = z.object({
  name: z.string(),
  apiVersion: z.literal("1"),
  mode: z.enum(["demo", "production"]),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .describe("ISO 4217 code of every price on the platform"),
  url: z.url(),
});
export type TPlatformInfo = z.infer<typeof ZPlatformInfo>;

export function getPlatformInfo(): TPlatformInfo {
  const env = getEnv();
  return { name: PLATFORM_NAME, apiVersion: "1", mode: env.mode, currency: env.currency, url: env.appUrl };
}

export const getPlatformOperation = defineOperation({
  operationId: "getPlatform",
  method: "GET",
  path: "/api/v1/platform",
  summary: "The platform's name, mode, currency and public URL",
  tags: ["platform"],
  auth: "public",
  responses: { 200: { description: "Platform information", schema: ZPlatformInfo } },
  handler: async () => getPlatformInfo(),
});
