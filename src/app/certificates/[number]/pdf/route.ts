import { getDb } from "@/server/db";
import { getEnv } from "@/server/env";
import { errorResponse } from "@/server/http/api";
import { isAppError } from "@/server/errors";
import { requestIdFrom } from "@/server/http/request-id";
import { renderCertificatePdf } from "@/server/learning/certificate-pdf";
import { verifyCertificate } from "@/server/learning/certificates";

export async function GET(request: Request, { params }: { params: Promise<{ number: string }> }) {
  const { number } = await params;
  try {
    const cert = await verifyCertificate(await getDb(), number);
    const pdf = await renderCertificatePdf(cert, `${getEnv().appUrl}/certificates/${cert.certificateNumber}`);
    return new Response(Buffer.from(pdf), {
      headers: {
        "content-type": "application/pdf",
        "content-disposition": `attachment; filename="${cert.certificateNumber}.pdf"`,
        "cache-control": "private, max-age=300",
      },
    });
  } catch (e) {
    if (isAppError(e)) return errorResponse(e, requestIdFrom(request.headers));
    throw e;
  }
}
