import type { AppLoadContext } from '@remix-run/node'
import type { Request as ExpressRequest } from 'express'

/** What Remix's loaders and actions get beside the request (server.ts and the page cache's renders). */
export function loadContextOf(req: ExpressRequest, cspNonce: string): AppLoadContext {
  // Remix hands loaders a single-fetch request with `.data` already taken off its URL.
  return { cspNonce, clientIp: req.ip, documentRequest: !req.path.endsWith('.data') }
}
