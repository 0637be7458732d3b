/** `npm run jobs:reconcile`: settle stale PENDING payments by asking the provider (the server also runs it). */
import { reconcilePayments } from "../src/server/payments/reconcile";
import { getPaymentProvider } from "../src/server/payments/providers";
import { cliEnv, describeTarget, openCliDatabase, run } from "./cli";

run(async () => {
  const env = cliEnv();
  const database = await openCliDatabase(env);
  try {
    console.log(
      `Reconciled ${describeTarget(env)}:`,
      await reconcilePayments(database.db, getPaymentProvider()),
    );
  } finally {
    await database.close();
  }
});
