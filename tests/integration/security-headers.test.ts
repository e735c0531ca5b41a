import type { AddressInfo } from 'node:net'
import express from 'express'
import helmet from 'helmet'
import { describe, expect, it } from 'vitest'
import { helmetOptions } from '~/utils/security-headers.server'

// The headers server.ts sends, for the deployments the browser tests cannot be: production over
// HTTPS (HSTS, upgrade-insecure-requests) and development (Vite needs inline scripts).

async function headersFor(options: Parameters<typeof helmetOptions>[0]) {
  const app = express()
  app.use((_req, res, next) => {
    res.locals.cspNonce = 'bm9uY2Utb2YtdGhpcy1yZXNwb25zZQ=='
    next()
  })
  app.use(helmet(helmetOptions(options)))
  app.get('/', (_req, res) => {
    res.send('ok')
  })
  const server = app.listen(0)
  await new Promise<void>((resolve) => server.once('listening', resolve))
  try {
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)
    return response.headers
  } finally {
    server.close()
  }
}

describe('security headers', () => {
  it('production over HTTPS: nonce scripts only, no framing, HSTS', async () => {
    const headers = await headersFor({ isProduction: true, isHttps: true, uploadthing: false })
    const csp = headers.get('content-security-policy') ?? ''
    expect(csp.match(/script-src[^;]*/)?.[0]).toBe("script-src 'self' 'nonce-bm9uY2Utb2YtdGhpcy1yZXNwb25zZQ=='")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain("object-src 'none'")
    expect(csp).toContain('upgrade-insecure-requests')
    expect(headers.get('strict-transport-security')).toBe('max-age=63072000; includeSubDomains')
    expect(headers.get('x-content-type-options')).toBe('nosniff')
    expect(headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
    expect(headers.get('x-frame-options')).toBe('DENY')
  })

  it('plain HTTP: no HSTS, no upgrade (a demo on a local network would break)', async () => {
    const headers = await headersFor({ isProduction: true, isHttps: false, uploadthing: false })
    expect(headers.get('strict-transport-security')).toBeNull()
    expect(headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests')
  })

  it('development allows inline scripts for Vite, and uploadthing photos when configured', async () => {
    const headers = await headersFor({ isProduction: false, isHttps: false, uploadthing: true })
    const csp = headers.get('content-security-policy') ?? ''
    expect(csp.match(/script-src[^;]*/)?.[0]).toBe("script-src 'self' 'unsafe-inline'")
    expect(csp).toContain('https://*.ufs.sh')
  })
})
