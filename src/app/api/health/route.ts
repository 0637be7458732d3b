/** The health check, an operation of the registry (src/server/admin/api.ts). */
export { handleRouteRequest as GET } from "@/server/http/next-adapter";
