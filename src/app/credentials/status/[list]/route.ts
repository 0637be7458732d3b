/** A credential status list, an operation of the registry (src/server/credentials/api.ts). */
export { handleRouteRequest as GET } from "@/server/http/next-adapter";
