/** `npm run admin:create -- <email>`: create or promote an administrator. */
import { createOrPromoteAdmin } from "../src/server/accounts/create-admin";
import { isAppError } from "../src/server/errors";
import { cliEnv, describeTarget, fail, openCliDatabase, run } from "./cli";

run(async () => {
  const email = process.argv.slice(2).find((a) => !a.startsWith("-"));
  if (!email) fail("Usage: npm run admin:create -- <email>");
  const env = cliEnv();
  const database = await openCliDatabase(env);
  try {
    const { outcome } = await createOrPromoteAdmin(database.db, email);
    const what = {
      created: "created as a new administrator",
      promoted: "promoted to administrator",
      unchanged: "is already an administrator",
    }[outcome];
    console.log(
      `${email.trim().toLowerCase()} ${what} in ${describeTarget(env)}. They sign in with their e-mail address.`,
    );
  } catch (e) {
    if (isAppError(e)) fail(e.userMessage);
    throw e;
  } finally {
    await database.close();
  }
});
