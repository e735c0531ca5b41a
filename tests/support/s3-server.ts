import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import S3rver from 's3rver'

/**
 * A local S3-compatible server (s3rver, files in a temporary folder) with the given buckets, for
 * tests that drive the real AWS SDK. It checks no signatures and enforces no bucket policy: tests
 * of "private stays private" check where objects go, not what the fake would refuse.
 */
export async function startS3Server(buckets: string[]) {
  const directory = mkdtempSync(path.join(tmpdir(), 'taswiq-s3-'))
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: buckets.map((name) => ({ name })) })
  const { port } = (await server.run()) as { port: number }
  return {
    endpoint: `http://127.0.0.1:${port}`,
    /** Environment for the app: path-style, s3rver's fixed credentials. */
    env: { S3_ENDPOINT: `http://127.0.0.1:${port}`, S3_FORCE_PATH_STYLE: 'true', S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER', S3_REGION: 'us-east-1' },
    async close() {
      await server.close()
      rmSync(directory, { recursive: true, force: true })
    },
  }
}
