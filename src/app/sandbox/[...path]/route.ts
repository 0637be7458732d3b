/** The exercise sandbox page and runtime files (src/server/assessments/sandbox/api.ts), under `next dev`. */
export { handleRouteRequest as GET } from "@/server/http/next-adapter";
