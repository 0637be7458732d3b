import { listCoursesRoute } from "@/server/catalog/api";
import { getDb } from "@/server/db";
import { getEnv } from "@/server/env";

export const GET = listCoursesRoute({ db: getDb, currency: () => getEnv().currency });
