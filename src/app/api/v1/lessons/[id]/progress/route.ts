import { getActor } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { apiRoute } from "@/server/http/api";
import { putProgressEndpoint } from "@/server/learning/api";
import { setLessonProgress } from "@/server/learning/progress";

export const PUT = apiRoute(putProgressEndpoint, async ({ params, body }) => {
  const { lessonProgress, enrollment } = await setLessonProgress(
    await getDb(),
    await getActor(),
    params.id,
    body,
  );
  return { body: { lessonProgress, enrollment } };
});
