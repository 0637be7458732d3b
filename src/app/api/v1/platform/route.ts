import { apiRoute } from "@/server/http/api";
import { getPlatformEndpoint, getPlatformInfo } from "@/server/platform/info";

export const GET = apiRoute(getPlatformEndpoint, async () => ({ body: getPlatformInfo() }));
