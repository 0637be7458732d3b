import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";

interface S3rverInstance {
  run(): Promise<{ address: string; port: number }>;
  close(): Promise<void>;
}
type S3rverClass = new (opts: {
  port: number;
  address: string;
  silent: boolean;
  directory: string;
  configureBuckets: { name: string }[];
}) => S3rverInstance;

export const S3_BUCKET = "aiw-files";

/**
 * s3rver (an S3-compatible server) on loopback for the object-storage backend's tests: the STORAGE_S3_*
 * settings that point at it, a way to list what it holds, and `stop()`.
 */
export async function startS3() {
  const S3rver = createRequire(import.meta.url)("s3rver") as S3rverClass;
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "aiw-s3-"));
  const server = new S3rver({
    port: 0,
    address: "127.0.0.1",
    silent: true,
    directory,
    configureBuckets: [{ name: S3_BUCKET }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const env = {
    STORAGE_S3_BUCKET: S3_BUCKET,
    STORAGE_S3_ENDPOINT: endpoint,
    STORAGE_S3_REGION: "us-east-1",
    STORAGE_S3_ACCESS_KEY_ID: "S3RVER",
    STORAGE_S3_SECRET_ACCESS_KEY: "S3RVER",
  };
  const client = new S3Client({
    endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
  });
  return {
    env,
    endpoint,
    /** Every object key in the bucket. */
    async keys(): Promise<string[]> {
      const out = await client.send(new ListObjectsV2Command({ Bucket: S3_BUCKET }));
      return (out.Contents ?? []).map((o) => o.Key!).sort();
    },
    async stop() {
      client.destroy();
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
