import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { getEnv } from '~/utils/env.server'
import { createUploadthingStorage } from './uploadthing.server'

/**
 * Where stored files live. Local disk by default; another backend (uploadthing) implements the
 * same three operations and its own public URL, and nothing else in the app changes.
 */
export interface MediaStorage {
  put(name: string, data: Buffer, contentType: string): Promise<void>
  get(name: string): Promise<Buffer | null>
  remove(name: string): Promise<void>
  publicUrl(name: string): string
}

/** Names are produced by the app (`products/<id>/<cuid>-640.webp`); refuse anything that could escape the folder. */
function assertSafeName(name: string) {
  if (!/^[a-z0-9][a-z0-9/_-]*\.[a-z0-9]+$/i.test(name) || name.includes('..')) {
    throw new Error(`Unsafe media name: ${name}`)
  }
}

export function createDiskStorage(root: string, urlPrefix = '/media'): MediaStorage {
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
  }
}

let storage: MediaStorage | undefined
export function getMediaStorage(): MediaStorage {
  if (!storage) {
    const env = getEnv()
    // Public photos only: private documents stay on the local disk whatever the backend.
    storage = env.UPLOADTHING_TOKEN ? createUploadthingStorage(env.UPLOADTHING_TOKEN) : createDiskStorage(env.UPLOADS_DIR)
  }
  return storage
}

let privateStorage: MediaStorage | undefined
/** Storage for private files: same operations, but nothing serves its folder; an authorized route streams each file. */
export function getPrivateStorage(): MediaStorage {
  privateStorage ??= createDiskStorage(getEnv().PRIVATE_UPLOADS_DIR, '/resources/private-unreachable')
  return privateStorage
}
