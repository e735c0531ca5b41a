import type * as S3Sdk from '@aws-sdk/client-s3'
import type { S3Client } from '@aws-sdk/client-s3'
import { assertSafeName } from './safe-name'
import type { ListableStorage } from './storage.server'

/**
 * The SDK is loaded on first use, not at start: it is tens of MB of memory that a server on local
 * disk storage (the default) never needs (decision 023, "Memory").
 */
let sdk: Promise<typeof S3Sdk> | undefined
const loadSdk = () => (sdk ??= import('@aws-sdk/client-s3'))

export type S3StorageOptions = {
  /** A client, or one being made (`createS3Client`). */
  client: S3Client | Promise<S3Client>
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
export async function createS3Client({ endpoint, region, accessKeyId, secretAccessKey, forcePathStyle }: S3Config): Promise<S3Client> {
  const { S3Client } = await loadSdk()
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
  const clientReady = Promise.resolve(client)
  // Unhandled until the first call: a client that cannot be made fails that call, not the process.
  clientReady.catch(() => undefined)
  const ready = () => Promise.all([loadSdk(), clientReady])
  return {
    async put(name, data, contentType) {
      const [s3, client] = await ready()
      await client.send(new s3.PutObjectCommand({ Bucket: bucket, Key: key(name), Body: data, ContentType: contentType, CacheControl: cacheControl }))
    },
    async get(name) {
      const [s3, client] = await ready()
      try {
        const response = await client.send(new s3.GetObjectCommand({ Bucket: bucket, Key: key(name) }))
        return response.Body ? Buffer.from(await response.Body.transformToByteArray()) : null
      } catch (error) {
        if (isNotFound(error)) return null
        throw error
      }
    },
    async remove(name) {
      const [s3, client] = await ready()
      await client.send(new s3.DeleteObjectCommand({ Bucket: bucket, Key: key(name) }))
    },
    publicUrl: (name) => `${(publicBaseUrl ?? urlPrefix).replace(/\/$/, '')}/${name}`,
    async has(name) {
      const [s3, client] = await ready()
      try {
        await client.send(new s3.HeadObjectCommand({ Bucket: bucket, Key: key(name) }))
        return true
      } catch (error) {
        if (isNotFound(error)) return false
        throw error
      }
    },
    async *list() {
      const [s3, client] = await ready()
      let token: string | undefined
      do {
        const page = await client.send(new s3.ListObjectsV2Command({ Bucket: bucket, Prefix: prefix || undefined, ContinuationToken: token }))
        for (const object of page.Contents ?? []) if (object.Key) yield object.Key.slice(prefix.length)
        token = page.IsTruncated ? page.NextContinuationToken : undefined
      } while (token)
    },
  }
}
