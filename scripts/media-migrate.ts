// Copies stored files between the local disk and the S3 buckets, idempotently (files already there
// are skipped; nothing is deleted):
//   npm run media:migrate -- --to s3     UPLOADS_DIR → S3_BUCKET, PRIVATE_UPLOADS_DIR → S3_PRIVATE_BUCKET
//   npm run media:migrate -- --to disk   and back
// Then set MEDIA_STORAGE (or S3_BUCKET) accordingly and restart the servers.
import { copyStorage } from '~/modules/media/migrate-storage.server'
import { createDiskStorage, createS3StoragesFromEnv } from '~/modules/media/storage.server'
import { getEnv } from '~/utils/env.server'

const to = process.argv[process.argv.indexOf('--to') + 1]
if (to !== 's3' && to !== 'disk') {
  console.error('usage: npm run media:migrate -- --to s3|disk')
  process.exit(2)
}
const env = getEnv()
const s3 = createS3StoragesFromEnv(env)
const disk = { public: createDiskStorage(env.UPLOADS_DIR), private: createDiskStorage(env.PRIVATE_UPLOADS_DIR) }
const [from, into] = to === 's3' ? [disk, s3] : [s3, disk]
for (const kind of ['public', 'private'] as const) {
  const result = await copyStorage(from[kind], into[kind])
  console.log(`${kind} files → ${to}: ${result.copied} copied, ${result.skipped} already there`)
}
