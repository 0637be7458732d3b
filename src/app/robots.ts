import type { MetadataRoute } from "next";
import { connection } from "next/server";
import { getEnv } from "@/server/env";

// Rendered per request: APP_URL is the running instance's, not the build machine's.
export const dynamic = "force-dynamic";

export default async function robots(): Promise<MetadataRoute.Robots> {
  await connection();
  const { appUrl } = getEnv();
  return {
    rules: {
      userAgent: "*",
      allow: "/",
      disallow: ["/api/", "/account", "/admin", "/dev", "/signin", "/learn/"],
    },
    sitemap: `${appUrl}/sitemap.xml`,
  };
}
