import { getCourseRoute } from "@/server/catalog/api";
import { getDb } from "@/server/db";
import { getEnv } from "@/server/env";

export const GET = getCourseRoute({ db: getDb, currency: () => getEnv().currency });
