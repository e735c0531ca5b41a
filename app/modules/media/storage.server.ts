import { access, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { getEnv } from '~/utils/env.server'
import { createS3Client, createS3Storage } from './s3-storage.server'
import { assertSafeName, isSafeName } from './safe-name'
import { createUploadthingStorage } from './uploadthing.server'

export { assertSafeName }

/**
 * Where stored files live. Local disk by default; other backends (an S3-compatible bucket,
 * uploadthing) implement the same three operations and their own public URL, and nothing else in
 * the app changes.
 */
export interface MediaStorage {
  put(name: string, data: Buffer, contentType: string): Promise<void>
  get(name: string): Promise<Buffer | null>
  remove(name: string): Promise<void>
  publicUrl(name: string): string
}

/** A backend whose files can be listed and checked: what `npm run media:migrate` copies between. */
export type ListableStorage = MediaStorage & {
  has(name: string): Promise<boolean>
  list(): AsyncIterable<string>
}

export function createDiskStorage(root: string, urlPrefix = '/media'): ListableStorage {
  const resolved = path.resolve(root)
  return {
    async put(name, data) {
      assertSafeName(name)
      const file = path.join(resolved, name)
      await mkdir(path.dirname(file), { recursive: true })
      await writeFile(file, data)
    },
    async get(name) {
      assertSafeName(name)
      try {
        return await readFile(path.join(resolved, name))
      } catch {
        return null
      }
    },
    async remove(name) {
      assertSafeName(name)
      await rm(path.join(resolved, name), { force: true })
    },
    publicUrl: (name) => `${urlPrefix}/${name}`,
    async has(name) {
      assertSafeName(name)
      return access(path.join(resolved, name)).then(
        () => true,
        () => false
      )
    },
    async *list() {
      const entries = await readdir(resolved, { recursive: true, withFileTypes: true }).catch(() => [])
      for (const entry of entries) {
        if (!entry.isFile()) continue
        const name = path.relative(resolved, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')
        if (isSafeName(name)) yield name
      }
    },
  }
}

/** Which backend stores files: MEDIA_STORAGE, else S3 when S3_BUCKET is set, uploadthing when its token is, else the disk. */
export function mediaBackend(env = getEnv()): 'disk' | 's3' | 'uploadthing' {
  if (env.MEDIA_STORAGE) return env.MEDIA_STORAGE
  if (env.S3_BUCKET) return 's3'
  return env.UPLOADTHING_TOKEN ? 'uploadthing' : 'disk'
}

export function s3ConfigFromEnv(env = getEnv()) {
  return {
    endpoint: env.S3_ENDPOINT,
    region: env.S3_REGION,
    accessKeyId: env.S3_ACCESS_KEY_ID,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY,
    forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true',
  }
}

/** Public photos' and private documents' storage on S3: two buckets, the private one never public. */
export function createS3StoragesFromEnv(env = getEnv()) {
  if (!env.S3_BUCKET || !env.S3_PRIVATE_BUCKET) throw new Error('S3 storage needs S3_BUCKET and S3_PRIVATE_BUCKET')
  if (env.S3_BUCKET === env.S3_PRIVATE_BUCKET) throw new Error('S3_PRIVATE_BUCKET must differ from S3_BUCKET (private documents are never public)')
  const client = createS3Client(s3ConfigFromEnv(env))
  return {
    public: createS3Storage({ client, bucket: env.S3_BUCKET, publicBaseUrl: env.S3_PUBLIC_URL, cacheControl: 'public, max-age=31536000, immutable' }),
    private: createS3Storage({ client, bucket: env.S3_PRIVATE_BUCKET, urlPrefix: '/resources/private-unreachable', cacheControl: 'private, no-store' }),
  }
}

let storage: MediaStorage | undefined
export function getMediaStorage(): MediaStorage {
  if (!storage) {
    const env = getEnv()
    const backend = mediaBackend(env)
    storage =
      backend === 's3'
        ? createS3StoragesFromEnv(env).public
        : backend === 'uploadthing' && env.UPLOADTHING_TOKEN
          ? createUploadthingStorage(env.UPLOADTHING_TOKEN)
          : createDiskStorage(env.UPLOADS_DIR)
  }
  return storage
}

let privateStorage: MediaStorage | undefined
/**
 * Storage for private files: same operations, but nothing serves its folder or bucket; an
 * authorized route streams each file. On S3, a bucket of its own with no public policy; with
 * uploadthing (public by nature) private documents stay on the local disk.
 */
export function getPrivateStorage(): MediaStorage {
  const env = getEnv()
  privateStorage ??= mediaBackend(env) === 's3' ? createS3StoragesFromEnv(env).private : createDiskStorage(env.PRIVATE_UPLOADS_DIR, '/resources/private-unreachable')
  return privateStorage
}
