/** The issuer's DID document, an operation of the registry (src/server/credentials/api.ts). */
export { handleRouteRequest as GET } from "@/server/http/next-adapter";
