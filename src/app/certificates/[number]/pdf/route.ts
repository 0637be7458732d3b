/** The certificate PDF, an operation of the registry (src/server/learning/api.ts). */
export { handleRouteRequest as GET } from "@/server/http/next-adapter";
