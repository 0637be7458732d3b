import "server-only";
import { headers } from "next/headers";
import type { AuditContext } from "../audit/record";
import { clientIp } from "./client-ip";
import { REQUEST_ID_HEADER, requestIdFrom } from "./request-id";

/** The request id (set by src/proxy.ts) and client address, for audit entries written by actions and routes. */
export async function auditContext(): Promise<AuditContext> {
  const h = await headers();
  return { requestId: h.get(REQUEST_ID_HEADER) ?? requestIdFrom(h), ip: clientIp(h) };
}
