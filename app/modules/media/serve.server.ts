import type { Request, Response } from 'express'
import { isSafeName } from './safe-name'
import type { MediaStorage } from './storage.server'

const TYPES: Record<string, string> = { webp: 'image/webp', avif: 'image/avif', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png' }

/**
 * Public photos read from a bucket and served by the app (when the bucket is not publicly
 * readable): a stored name never changes content, so a year of caching, immutable — nginx and
 * browsers keep them. Only image names; anything else is a 404.
 */
export function serveMediaFrom(storage: MediaStorage) {
  return async (req: Request, res: Response) => {
    const name = decodeURIComponent(req.path.replace(/^\//, ''))
    const type = TYPES[name.split('.').pop()?.toLowerCase() ?? '']
    let data: Buffer | null = null
    if (type && isSafeName(name)) {
      data = await storage.get(name).catch(() => null)
    }
    if (!data) return void res.status(404).set('Cache-Control', 'no-store').end()
    res.set({ 'Content-Type': type!, 'Cache-Control': 'public, max-age=31536000, immutable', 'X-Content-Type-Options': 'nosniff' }).send(data)
  }
}
