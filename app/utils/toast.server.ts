import { createCookieSessionStorage } from '@remix-run/node'
import { getEnv, shouldUseSecureCookies } from './env.server'

// A one-time message carried across a redirect ("Password changed"), shown by the root layout.
// It holds a locale key, not text, so it is shown in the reader's language.
export type Toast = { key: string; type?: 'success' | 'error' | 'info' }

type FlashData = { toast: Toast }
let storage: ReturnType<typeof createCookieSessionStorage<Record<string, never>, FlashData>> | undefined
function toastStorage() {
  storage ??= createCookieSessionStorage<Record<string, never>, FlashData>({
    cookie: {
      name: 'taswiq_toast',
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure: shouldUseSecureCookies(),
      secrets: [getEnv().SESSION_SECRET],
    },
  })
  return storage
}

export async function createToastHeader(toast: Toast) {
  const session = await toastStorage().getSession()
  session.flash('toast', toast)
  return toastStorage().commitSession(session)
}

/** Reads (and so consumes) the pending toast; the returned header must be sent to clear it. */
export async function getToast(request: Request) {
  const session = await toastStorage().getSession(request.headers.get('Cookie'))
  const toast = session.get('toast') ?? null
  return { toast, header: toast ? await toastStorage().destroySession(session) : null }
}
