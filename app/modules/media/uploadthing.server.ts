import type * as UploadthingSdk from 'uploadthing/server'
import type { UTApi } from 'uploadthing/server'
import type { MediaStorage } from './storage.server'

/**
 * Photos on uploadthing instead of the local disk (UPLOADTHING_TOKEN set). The app still checks,
 * cleans and resizes every photo itself (images.server.ts) and hands the finished WebP files to
 * uploadthing through its server SDK, so the size and type rules are the same whatever the
 * backend, and no browser ever uploads to uploadthing directly. Each file is stored under a
 * `customId` derived from our name, so names stay ours and deleting needs no lookup table.
 */
export function createUploadthingStorage(token: string, givenApi?: Pick<UTApi, 'uploadFiles' | 'deleteFiles'>): MediaStorage {
  const appId = appIdFromToken(token)
  // The SDK (with its effect and fast-check dependencies, ~40 MB of memory) is loaded by the first
  // upload or deletion, not at start (decision 023, "Memory").
  let sdk: Promise<typeof UploadthingSdk> | undefined
  const loadSdk = () => (sdk ??= import('uploadthing/server'))
  let api: Promise<Pick<UTApi, 'uploadFiles' | 'deleteFiles'>> | undefined
  const getApi = () => (api ??= givenApi ? Promise.resolve(givenApi) : loadSdk().then(({ UTApi }) => new UTApi({ token })))
  // customIds are flat identifiers: our folder separators become `__`.
  const customId = (name: string) => name.replaceAll('/', '__')
  const publicUrl = (name: string) => `https://${appId}.ufs.sh/f/${encodeURIComponent(customId(name))}`
  return {
    async put(name, data, contentType) {
      const { UTFile } = await loadSdk()
      const file = new UTFile([new Uint8Array(data)], name.split('/').pop()!, { type: contentType, customId: customId(name) })
      const result = await (await getApi()).uploadFiles(file)
      if (result.error) throw new Error(`uploadthing upload failed: ${result.error.code} ${result.error.message}`)
    },
    async get(name) {
      const response = await fetch(publicUrl(name))
      return response.ok ? Buffer.from(await response.arrayBuffer()) : null
    },
    async remove(name) {
      await (await getApi()).deleteFiles(customId(name), { keyType: 'customId' })
    },
    publicUrl,
  }
}

/** The token is base64 JSON `{ apiKey, appId, regions }`; the app id names the public file host. */
export function appIdFromToken(token: string) {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { appId?: unknown }
    if (typeof parsed.appId === 'string' && /^[a-z0-9]+$/i.test(parsed.appId)) return parsed.appId
  } catch {
    // fall through to the error below
  }
  throw new Error('UPLOADTHING_TOKEN is not a valid uploadthing token (copy it from the dashboard’s API keys page)')
}
