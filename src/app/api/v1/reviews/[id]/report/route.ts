import { getActor } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { reportReviewRoute } from "@/server/reviews/api";

export const POST = reportReviewRoute({ db: getDb, actor: getActor });
