import type { NewCoupon } from "../schema";
import { demoId } from "./ids";

/**
 * The demo's coupons (README, "Demo data"): LEARN50 takes half off any paid course, WELCOME-10 ten units of
 * the currency with 100 uses, and SPRING-25 has expired (so the refusal can be seen). Demo mode only.
 */
export function demoCoupons(createdBy: string | null, now: Date): NewCoupon[] {
  const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
  return [
    { id: demoId("coupon", "LEARN50"), code: "LEARN50", percentOff: 50, createdBy, createdAt: daysAgo(20) },
    {
      id: demoId("coupon", "WELCOME-10"),
      code: "WELCOME-10",
      amountOff: 1000,
      maxRedemptions: 100,
      createdBy,
      createdAt: daysAgo(15),
    },
    {
      id: demoId("coupon", "SPRING-25"),
      code: "SPRING-25",
      percentOff: 25,
      startsAt: daysAgo(90),
      endsAt: daysAgo(30),
      createdBy,
      createdAt: daysAgo(91),
    },
  ];
}
