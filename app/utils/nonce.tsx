import { createContext, useContext, type ReactNode } from 'react'

/**
 * The per-response CSP nonce, provided by entry.server. On the client it is empty: browsers hide
 * nonce attributes from script, and hydration does not need it.
 */
const NonceContext = createContext('')

export function NonceProvider({ value, children }: { value: string; children: ReactNode }) {
	return <NonceContext.Provider value={value}>{children}</NonceContext.Provider>
}

export const useNonce = () => useContext(NonceContext)
