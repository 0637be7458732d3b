import { getActor } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { deleteReviewRoute, putReviewRoute } from "@/server/reviews/api";

export const PUT = putReviewRoute({ db: getDb, actor: getActor });
export const DELETE = deleteReviewRoute({ db: getDb, actor: getActor });
