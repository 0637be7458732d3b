import { z } from "zod";
import { getEnv } from "../../env";
import { AppError } from "../../errors";
import { defineOperation, fileReply } from "../../http/operation";
import { ZApiError } from "../../http/problem";
import { SANDBOX_PAGE_PATH, sandboxPage } from "./page";
import { getRuntimeFile, RUNTIME_FILE_NAMES } from "./runtime";

export const sandboxPageOperation = defineOperation({
  operationId: "getSandboxPage",
  method: "GET",
  path: SANDBOX_PAGE_PATH,
  summary: "The page that runs exercise code, framed by the platform with sandbox=allow-scripts",
  tags: ["assessments"],
  auth: "public",
  internal: true,
  responses: { 200: { description: "HTML", contentType: "text/html" } },
  handler: async () => {
    const { html, headers } = sandboxPage(new URL(getEnv().appUrl).origin);
    return fileReply("text/html; charset=utf-8", html, headers);
  },
});

export const sandboxRuntimeOperation = defineOperation({
  operationId: "getSandboxRuntimeFile",
  method: "GET",
  path: "/sandbox/runtime/{version}/{name}",
  summary: "A file of the exercise runtime (immutable; CORS for the sandbox's opaque origin)",
  tags: ["assessments"],
  auth: "public",
  internal: true,
  params: z.object({
    version: z.string().regex(/^[0-9a-f]{16}$/),
    name: z.enum(RUNTIME_FILE_NAMES as [string, ...string[]]),
  }),
  responses: {
    200: { description: "The file", contentType: "application/octet-stream" },
    404: { description: "Not a file of this version", schema: ZApiError },
  },
  handler: async ({ params }, { request }) => {
    const found = await getRuntimeFile(
      params.version,
      params.name,
      /\bgzip\b/.test(request.header("accept-encoding") ?? ""),
    );
    if (!found) {
      throw new AppError("NOT_FOUND", { userMessage: "This runtime file is not part of this version." });
    }
    return fileReply(found.contentType, found.data, {
      "cache-control": "public, max-age=31536000, immutable",
      "access-control-allow-origin": "*",
      "cross-origin-resource-policy": "cross-origin",
      vary: "Accept-Encoding",
      ...(found.encoding ? { "content-encoding": found.encoding } : {}),
    });
  },
});
