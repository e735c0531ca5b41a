import type { UTApi } from 'uploadthing/server'
import { describe, expect, it } from 'vitest'
import { appIdFromToken, createUploadthingStorage } from './uploadthing.server'

// uploadthing cannot be reached from the tests (no token): this checks our side of the contract —
// names, URLs and the calls made — with a stand-in for the SDK.
const token = Buffer.from(JSON.stringify({ apiKey: 'sk_live_x', appId: 'abc123xyz', regions: ['sea1'] })).toString('base64')

function fakeApi() {
  const calls: { upload: { name: string; customId?: string; type: string; size: number }[]; deleted: unknown[] } = { upload: [], deleted: [] }
  const api = {
    uploadFiles: async (file: File & { customId?: string }) => {
      calls.upload.push({ name: file.name, customId: file.customId, type: file.type, size: file.size })
      return { data: { key: 'k' }, error: null }
    },
    deleteFiles: async (keys: unknown, opts: unknown) => {
      calls.deleted.push([keys, opts])
      return { success: true, deletedCount: 1 }
    },
  }
  return { api: api as unknown as UTApi, calls }
}

describe('uploadthing storage', () => {
  it('uploads each file under a customId made from our name and serves it from the app’s file host', async () => {
    const { api, calls } = fakeApi()
    const storage = createUploadthingStorage(token, api)
    await storage.put('products/p1/abc-640.webp', Buffer.from('webp!'), 'image/webp')
    expect(calls.upload).toEqual([{ name: 'abc-640.webp', customId: 'products__p1__abc-640.webp', type: 'image/webp', size: 5 }])
    expect(storage.publicUrl('products/p1/abc-640.webp')).toBe('https://abc123xyz.ufs.sh/f/products__p1__abc-640.webp')
    await storage.remove('products/p1/abc-640.webp')
    expect(calls.deleted).toEqual([['products__p1__abc-640.webp', { keyType: 'customId' }]])
  })

  it('refuses a token that is not one', () => {
    expect(appIdFromToken(token)).toBe('abc123xyz')
    expect(() => appIdFromToken('not-a-token')).toThrow(/UPLOADTHING_TOKEN/)
  })
})
