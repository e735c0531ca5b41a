import '@remix-run/server-runtime'

declare module '@remix-run/server-runtime' {
  interface AppLoadContext {
    /** Nonce of this response's Content-Security-Policy (set by server.ts). */
    cspNonce?: string
  }
}
