import '@remix-run/server-runtime'

declare module '@remix-run/server-runtime' {
  interface AppLoadContext {
    /** Nonce of this response's Content-Security-Policy (set by server.ts). */
    cspNonce?: string
    /** The visitor's IP address as Express sees it (behind one trusted proxy). */
    clientIp?: string
    /**
     * An HTML document is being rendered (false for a client navigation's `.data` request). Unset
     * where no server built the context (tests calling a loader): treated as a data request.
     */
    documentRequest?: boolean
  }
}
