import { createContext, useContext } from 'react'

// The Content-Security-Policy nonce of this response, so inline scripts Remix writes can run.
const NonceContext = createContext<string>('')
export const NonceProvider = NonceContext.Provider
export const useNonce = () => useContext(NonceContext)
