/** Stripe's webhook, an operation of the registry (src/server/payments/api.ts). */
export { handleRouteRequest as POST } from "@/server/http/next-adapter";
