/** Every /api/v1 operation of the registry (src/server/http/registry.ts), through its one adapter. */
import { handleRouteRequest } from "@/server/http/next-adapter";

export {
  handleRouteRequest as GET,
  handleRouteRequest as POST,
  handleRouteRequest as PUT,
  handleRouteRequest as PATCH,
  handleRouteRequest as DELETE,
};
