import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// s3rver: a local S3-compatible server (npm, no types). It parses SigV4 requests and presigned
// links but does not verify signatures: tests here prove the wire format, not AWS's auth.
import S3rver from 's3rver';

/** s3rver's default credentials. */
export const S3RVER_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' };

export interface LocalS3 {
  url: string;
  bucket: string;
  /** The env of an mjq deployment storing its images in this bucket under `prefix`. */
  env(prefix: string): Record<string, string>;
  /** Idempotent: a test may take the server away early. */
  stop(): Promise<void>;
}

/** An S3-compatible server on loopback, one bucket, its objects in a temp folder removed on stop. */
export async function startLocalS3(bucket = 'mjq-test'): Promise<LocalS3> {
  const directory = await mkdtemp(join(tmpdir(), 'mjq-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { address, port } = (await server.run()) as { address: string; port: number };
  const url = `http://${address}:${port}`;
  let stopped = false;
  return {
    url,
    bucket,
    env: (prefix) => ({
      IMAGE_STORE: 's3',
      S3_BUCKET: bucket,
      S3_PREFIX: prefix,
      S3_ENDPOINT: url,
      S3_REGION: 'us-east-1',
      S3_FORCE_PATH_STYLE: 'true',
      ...S3RVER_CREDENTIALS,
    }),
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
