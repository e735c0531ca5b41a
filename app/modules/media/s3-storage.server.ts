import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { assertSafeName } from './safe-name'
import type { ListableStorage } from './storage.server'

export type S3StorageOptions = {
  client: S3Client
  bucket: string
  /** Prepended to every key (`taswiq/`), so one bucket can hold other things too. */
  prefix?: string
  /**
   * Where the bucket's objects can be read by anyone (a public-read bucket or a CDN in front of
   * it). Unset: photos are served through the app under `urlPrefix` (read from the bucket, with
   * long cache headers). Never set for the private bucket.
   */
  publicBaseUrl?: string
  urlPrefix?: string
  /** Cache-Control stored with each object (public photos are immutable: a new photo gets a new name). */
  cacheControl?: string
}

export type S3Config = {
  endpoint?: string
  region: string
  accessKeyId?: string
  secretAccessKey?: string
  forcePathStyle: boolean
}

/** The official SDK's client for any S3-compatible endpoint (the sovereign cloud's store, Ceph RGW, MinIO). */
export function createS3Client({ endpoint, region, accessKeyId, secretAccessKey, forcePathStyle }: S3Config) {
  return new S3Client({
    endpoint,
    region,
    forcePathStyle,
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
    // Other S3 implementations do not all know the newer integrity checksums.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  })
}

const isNotFound = (error: unknown) => {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } }
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404
}

/**
 * `MediaStorage` on an S3 bucket: the same operations as the disk backend. Objects are written
 * without any ACL: whether anyone may read them is the bucket's policy (public-read for photos,
 * nothing for the private documents' bucket), decided once by the operator.
 */
export function createS3Storage({ client, bucket, prefix = '', publicBaseUrl, urlPrefix = '/media', cacheControl }: S3StorageOptions): ListableStorage {
  const key = (name: string) => {
    assertSafeName(name)
    return `${prefix}${name}`
  }
  return {
    async put(name, data, contentType) {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key(name), Body: data, ContentType: contentType, CacheControl: cacheControl }))
    },
    async get(name) {
      try {
        const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key(name) }))
        return response.Body ? Buffer.from(await response.Body.transformToByteArray()) : null
      } catch (error) {
        if (isNotFound(error)) return null
        throw error
      }
    },
    async remove(name) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key(name) }))
    },
    publicUrl: (name) => `${(publicBaseUrl ?? urlPrefix).replace(/\/$/, '')}/${name}`,
    async has(name) {
      try {
        await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key(name) }))
        return true
      } catch (error) {
        if (isNotFound(error)) return false
        throw error
      }
    },
    async *list() {
      let token: string | undefined
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix || undefined, ContinuationToken: token }))
        for (const object of page.Contents ?? []) if (object.Key) yield object.Key.slice(prefix.length)
        token = page.IsTruncated ? page.NextContinuationToken : undefined
      } while (token)
    },
  }
}
