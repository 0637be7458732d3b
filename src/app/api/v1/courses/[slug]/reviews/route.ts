import { getActor } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { listReviewsRoute } from "@/server/reviews/api";

export const GET = listReviewsRoute({ db: getDb, actor: getActor });
