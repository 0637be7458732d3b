import { getActor } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { apiRoute } from "@/server/http/api";
import { enrollEndpoint } from "@/server/learning/api";
import { enrollInCourse } from "@/server/learning/enroll";

export const POST = apiRoute(enrollEndpoint, async ({ params }) => {
  const { enrollment, created } = await enrollInCourse(await getDb(), await getActor(), params.slug);
  return { status: created ? 201 : 200, body: { enrollment } };
});
