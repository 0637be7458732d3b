import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorOf } from "../../../tests/helpers/actors";
import { createTestDatabase } from "../../../tests/helpers/db";
import type { Database } from "../db/client";
import { coupons, mailOutbox } from "../db/schema";
import { createCourseTree, createUser } from "../db/seed/factories";
import { startCheckout } from "./checkout";
import { completeDemoCheckout } from "./demo-checkout";
import { DemoProvider } from "./demo-provider";
import { getReceipt, notifyBuyer, receiptLines } from "./receipts";
import { refundPayment } from "./refund";

let database: Database;
const demo = new DemoProvider("http://localhost:3000", "whsec_receipt_tests");
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});
const db = () => database.db;

async function bought(price = 4000, couponPercent?: number) {
  const buyer = await createUser(db(), { emailVerified: new Date(), name: "Rae Receipt" });
  const tree = await createCourseTree(db(), [1], { published: true, price, title: "Receipts 101" });
  let code: string | undefined;
  if (couponPercent) {
    code = `RCPT-${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
    await db().insert(coupons).values({ code, percentOff: couponPercent });
  }
  const started = await startCheckout(db(), actorOf(buyer), tree.course.slug, demo, {}, code);
  if (started.kind !== "checkout") throw new Error("expected a checkout");
  await completeDemoCheckout(db(), actorOf(buyer), demo, started.url.split("/").at(-1)!, "pay");
  return { buyer, paymentId: started.paymentId };
}

describe("receipts", () => {
  it("shows the buyer (and admins, nobody else) the price, the coupon, what was paid, the date and the reference", async () => {
    const { buyer, paymentId } = await bought(4000, 25);
    const r = await getReceipt(db(), actorOf(buyer), paymentId);
    expect(r).toMatchObject({ price: 4000, discount: 1000, paid: 3000, refunded: 0, status: "COMPLETED" });
    const lines = Object.fromEntries(receiptLines(r));
    expect(lines).toMatchObject({
      Course: "Receipts 101",
      Price: "$40.00",
      Paid: "$30.00",
      "Payment reference": paymentId,
    });
    expect(Object.keys(lines).some((k) => k.startsWith("Coupon RCPT-"))).toBe(true);
    const admin = await createUser(db(), { role: "ADMIN" });
    expect((await getReceipt(db(), actorOf(admin), paymentId)).paymentId).toBe(paymentId);
    const stranger = await createUser(db());
    await expect(getReceipt(db(), actorOf(stranger), paymentId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    // The receipt e-mail is a receipt, not a sign-in link.
    const [mail] = await db().select().from(mailOutbox).where(eq(mailOutbox.to, buyer.email));
    expect(mail!.subject).toBe("Receipt: Receipts 101");
    expect(mail!.text).toContain(`Payment reference: ${paymentId}`);
    expect(mail!.text).not.toMatch(/expires|works once/);
  });

  it("e-mails the buyer what a refund gave back", async () => {
    const { buyer, paymentId } = await bought(5000);
    const admin = await createUser(db(), { role: "ADMIN" });
    await refundPayment(db(), actorOf(admin), { paymentId, amount: "20.00" }, demo);
    await notifyBuyer(db(), paymentId, "refund");
    const mails = await db().select().from(mailOutbox).where(eq(mailOutbox.to, buyer.email));
    const refund = mails.find((m) => m.subject === "Refund: Receipts 101");
    expect(refund?.text).toContain("$20.00 of your payment");
    expect(refund?.text).toContain("Refunded: −$20.00");
    expect((await getReceipt(db(), actorOf(buyer), paymentId)).refunded).toBe(2000);
  });
});
