import "server-only";
import nodemailer from "nodemailer";
import type { Db } from "../db/types";
import { mailOutbox } from "../db/schema";
import { getEnv } from "../env";
import { logger } from "../log";
import { metrics } from "../metrics/metrics";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

let transport: nodemailer.Transporter | undefined;

/**
 * The one way e-mail leaves the platform: SMTP when EMAIL_SERVER is set; otherwise, in demo mode only, the
 * local outbox shown at /dev/mailbox. Production without SMTP has no e-mail sign-in at all.
 */
export async function sendMail(db: Db, mail: OutgoingMail): Promise<void> {
  const env = getEnv();
  if (env.email) {
    transport ??= nodemailer.createTransport(env.email.server);
    let result: Awaited<ReturnType<nodemailer.Transporter["sendMail"]>>;
    try {
      result = await transport.sendMail({ from: env.email.from, ...mail });
    } catch (e) {
      metrics().mailFailures.inc();
      throw e;
    }
    if (result.rejected.length > 0) {
      metrics().mailFailures.inc();
      throw new Error(`The mail server rejected ${result.rejected.length} recipient(s).`);
    }
    logger.info("mail sent", { via: "smtp", messageId: result.messageId });
    return;
  }
  if (!env.isDemo) throw new Error("No mail server is configured (EMAIL_SERVER).");
  await db.insert(mailOutbox).values(mail);
  logger.info("mail kept in the demo outbox", { subject: mail.subject });
}

/** Text made safe inside e-mail HTML. */
export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** A branded HTML + text e-mail with one button. */
export function actionEmail(opts: {
  to: string;
  subject: string;
  heading: string;
  intro: string;
  button: string;
  url: string;
  /** A one-time link's expiry, said in the mail; none for a plain notice. */
  expires?: Date;
  footer: string;
}): OutgoingMail {
  let expiresLine = "";
  if (opts.expires) {
    const minutes = Math.max(1, Math.round((opts.expires.getTime() - Date.now()) / 60_000));
    const expiry =
      minutes >= 120 ? `${Math.round(minutes / 60)} hours` : `${minutes} minute${minutes === 1 ? "" : "s"}`;
    expiresLine = `This link works once and expires in ${expiry} (${opts.expires.toUTCString()}).`;
  }
  const text = [
    `AI Whisperers — ${opts.heading}`,
    "",
    opts.intro,
    "",
    `${opts.button}: ${opts.url}`,
    "",
    ...(expiresLine ? [expiresLine] : []),
    opts.footer,
  ].join("\n");
  const html = `<!doctype html><html><body style="margin:0;background:#f8fafc;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#0f172a">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:32px 16px">
<table role="presentation" width="100%" style="max-width:480px;background:#ffffff;border-radius:16px;border:1px solid #e2e8f0" cellpadding="0" cellspacing="0">
<tr><td style="padding:28px 28px 0"><div style="display:inline-block;background:#4f46e5;color:#fff;font-weight:700;border-radius:8px;padding:6px 8px">AI</div>
<span style="font-weight:600;margin-left:8px">AI Whisperers</span></td></tr>
<tr><td style="padding:20px 28px 0"><h1 style="font-size:20px;margin:0">${escapeHtml(opts.heading)}</h1>
<p style="line-height:1.5;color:#334155">${escapeHtml(opts.intro)}</p></td></tr>
<tr><td style="padding:8px 28px 0"><a href="${escapeHtml(opts.url)}" style="display:inline-block;background:#4f46e5;color:#ffffff;text-decoration:none;font-weight:600;border-radius:8px;padding:12px 20px">${escapeHtml(opts.button)}</a></td></tr>
<tr><td style="padding:20px 28px 28px;font-size:13px;line-height:1.5;color:#64748b">${expiresLine ? `<p>${escapeHtml(expiresLine)}</p>` : ""}
<p>${escapeHtml(opts.footer)}</p><p style="word-break:break-all">${escapeHtml(opts.url)}</p></td></tr>
</table></td></tr></table></body></html>`;
  return { to: opts.to, subject: opts.subject, text, html };
}

export function signInEmail(to: string, url: string, expires: Date): OutgoingMail {
  return actionEmail({
    to,
    subject: "Your sign-in link for AI Whisperers",
    heading: "Sign in to AI Whisperers",
    intro: `Click the button to sign in as ${to}. No password needed.`,
    button: "Sign in",
    url,
    expires,
    footer: "If you did not ask to sign in, ignore this e-mail: nobody can sign in without this link.",
  });
}
