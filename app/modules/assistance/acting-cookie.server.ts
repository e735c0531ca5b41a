import { createCookie } from '@remix-run/node'
import { getEnv, shouldUseSecureCookies } from '~/utils/env.server'

// Which assisted shop a facilitator is working on right now. Dashboard pages carry no shop id (a
// producer has one shop); a facilitator picks one of her producers on /assist and the dashboard
// then serves that shop. The cookie is only a choice: the gate checks an active arrangement on
// every request, so a forged or stale value gives nothing.

let cookie: ReturnType<typeof createCookie> | undefined
function actingCookie() {
  cookie ??= createCookie('taswiq_assist', {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: shouldUseSecureCookies(),
    secrets: [getEnv().SESSION_SECRET],
    maxAge: 12 * 60 * 60,
  })
  return cookie
}

export async function actingShopIdFrom(request: Request): Promise<string | null> {
  const value = await actingCookie().parse(request.headers.get('Cookie'))
  return typeof value === 'string' && /^[a-z0-9]{1,64}$/i.test(value) ? value : null
}

export function actingShopCookie(shopId: string | null) {
  return shopId ? actingCookie().serialize(shopId) : actingCookie().serialize('', { maxAge: 0 })
}
