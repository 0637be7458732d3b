"use server";

import { formString, handleForm, type ActionResult } from "@/server/http/action";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  resendWebhookDelivery,
  rotateWebhookSecret,
  sendTestWebhook,
  updateWebhookEndpoint,
  WEBHOOK_EVENT_TYPES,
} from "@/server/integrations/webhooks";

/** The webhook forms → the webhook service, which authorizes (admins only) and audits. */

type WithSecret = { secret: string; endpointId: string };
const PAGES: (string | [string, "page"])[] = ["/admin/webhooks", ["/admin/webhooks/[id]", "page"]];

const readEndpoint = (f: FormData) => ({
  url: formString(f, "url"),
  description: formString(f, "description"),
  events: WEBHOOK_EVENT_TYPES.filter((t) => formString(f, `event:${t}`) === "on"),
});
const idOf = (f: FormData) => formString(f, "id").slice(0, 64);

export async function createWebhookAction(
  _prev: ActionResult<WithSecret> | null,
  form: FormData,
): Promise<ActionResult<WithSecret>> {
  return handleForm(
    form,
    readEndpoint,
    async (input, { db, actor, audit }) => {
      const { endpoint, secret } = await createWebhookEndpoint(db, actor, input, audit);
      return {
        message: `Endpoint added. Copy its signing secret now: it is shown only this once.`,
        data: { secret, endpointId: endpoint.id },
      };
    },
    { revalidate: PAGES },
  );
}

export async function updateWebhookAction(
  _prev: ActionResult<WithSecret> | null,
  form: FormData,
): Promise<ActionResult<WithSecret>> {
  return handleForm(
    form,
    (f) => ({ id: idOf(f), ...readEndpoint(f) }),
    async ({ id, ...input }, { db, actor, audit }) => {
      await updateWebhookEndpoint(db, actor, id, input, audit);
      return "Changes saved.";
    },
    { revalidate: PAGES },
  );
}

export async function setWebhookEnabledAction(
  _prev: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  return handleForm(
    form,
    (f) => ({ id: idOf(f), enabled: formString(f, "enabled") === "true" }),
    async ({ id, enabled }, { db, actor, audit }) => {
      await updateWebhookEndpoint(db, actor, id, { enabled }, audit);
      return enabled
        ? "Enabled: waiting deliveries go out within seconds, and new events are queued again."
        : "Disabled: no new events are queued for it, and waiting deliveries stay until you enable it.";
    },
    { revalidate: PAGES },
  );
}

export async function rotateWebhookSecretAction(
  _prev: ActionResult<WithSecret> | null,
  form: FormData,
): Promise<ActionResult<WithSecret>> {
  return handleForm(
    form,
    idOf,
    async (id, { db, actor, audit }) => {
      const { secret } = await rotateWebhookSecret(db, actor, id, audit);
      return {
        message: "Secret rotated: both secrets sign for the next 24 hours.",
        data: { secret, endpointId: id },
      };
    },
    { revalidate: PAGES },
  );
}

export async function sendTestWebhookAction(
  _prev: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  return handleForm(
    form,
    idOf,
    async (id, { db, actor, audit }) => {
      await sendTestWebhook(db, actor, id, audit);
      return "Test event queued: it is sent within a few seconds. Reload to see its outcome below.";
    },
    { revalidate: PAGES },
  );
}

export async function resendWebhookDeliveryAction(
  _prev: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  return handleForm(
    form,
    (f) => ({ id: idOf(f), deliveryId: formString(f, "deliveryId").slice(0, 64) }),
    async ({ id, deliveryId }, { db, actor, audit }) => {
      await resendWebhookDelivery(db, actor, id, deliveryId, audit);
      return "Queued again (same event id).";
    },
    { revalidate: PAGES },
  );
}

export async function deleteWebhookAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return handleForm(
    form,
    idOf,
    async (id, { db, actor, audit }) => {
      await deleteWebhookEndpoint(db, actor, id, audit);
      return { redirect: "/admin/webhooks?deleted=1" };
    },
    { revalidate: ["/admin/webhooks"] },
  );
}
