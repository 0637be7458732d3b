import { getActor } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { apiRoute } from "@/server/http/api";
import { getLessonForLearnerById } from "@/server/learning/access";
import { getLessonEndpoint } from "@/server/learning/api";

export const GET = apiRoute(getLessonEndpoint, async ({ params }) => {
  const view = await getLessonForLearnerById(await getDb(), await getActor(), params.id);
  const done =
    view.modules.flatMap((m) => m.lessons).find((l) => l.id === view.lesson.id)?.completed ?? false;
  return {
    body: {
      ...view.lesson,
      courseSlug: view.course.slug,
      completed: done,
      previousLessonId: view.previousLessonId,
      nextLessonId: view.nextLessonId,
    },
  };
});
