import { errorResponse } from "@/server/http/api";
import { AppError } from "@/server/errors";
import { requestIdFrom } from "@/server/http/request-id";

/** Unknown /api/v1 paths answer in the API's error shape, whatever the method. */
function unknownEndpoint(request: Request) {
  return errorResponse(
    new AppError("NOT_FOUND", { userMessage: "There is no such API endpoint. See /api/v1/openapi.json." }),
    requestIdFrom(request.headers),
  );
}

export { unknownEndpoint as GET, unknownEndpoint as POST, unknownEndpoint as PUT };
export { unknownEndpoint as PATCH, unknownEndpoint as DELETE };
