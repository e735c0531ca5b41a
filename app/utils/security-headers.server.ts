import type { Response } from 'express'
import type { HelmetOptions } from 'helmet'

/**
 * The security headers of every answer (helmet). Production: scripts only from our files or inline
 * with this response's nonce (`res.locals.cspNonce`); HTTPS: HSTS for two years and
 * upgrade-insecure-requests. Development: Vite's HMR client needs inline scripts and a websocket.
 */
export function helmetOptions({
  isProduction,
  isHttps,
  uploadthing,
  mediaOrigin,
}: {
  isProduction: boolean
  isHttps: boolean
  uploadthing: boolean
  /** The origin photos come from when a public bucket or CDN serves them (S3_PUBLIC_URL). */
  mediaOrigin?: string
}): HelmetOptions {
  return {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: isProduction ? ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`] : ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        // Photos come from uploadthing's file host when it stores them (UPLOADTHING_TOKEN).
        imgSrc: ["'self'", 'data:', 'blob:', ...(uploadthing ? ['https://*.ufs.sh'] : []), ...(mediaOrigin ? [mediaOrigin] : [])],
        connectSrc: isProduction ? ["'self'"] : ["'self'", 'ws:'],
        fontSrc: ["'self'"],
        // The installable app: its service worker (/sw.js) and web app manifest, from our origin only.
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: isHttps ? [] : null,
      },
    },
    strictTransportSecurity: isHttps ? { maxAge: 63072000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    crossOriginEmbedderPolicy: false,
    xFrameOptions: { action: 'deny' },
  }
}
