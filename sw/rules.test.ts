import { describe, expect, it } from 'vitest'
import { isCacheablePage, isPrivatePath } from './rules'

describe('service worker rules', () => {
  it('stores only 200 pages the server marked public', () => {
    expect(isCacheablePage(200, 'public, max-age=60, stale-while-revalidate=300')).toBe(true)
    expect(isCacheablePage(200, 'private, no-store')).toBe(false)
    expect(isCacheablePage(200, 'no-store')).toBe(false)
    expect(isCacheablePage(200, null)).toBe(false)
    expect(isCacheablePage(404, 'public, max-age=60')).toBe(false)
    expect(isCacheablePage(200, 'public, no-cache')).toBe(false)
  })

  it('never stores the back office, the account or the sign-in forms', () => {
    for (const path of ['/dashboard', '/dashboard/products/new', '/account', '/moderation/shops', '/admin', '/login', '/resources/product-photos', '/checkout'])
      expect(isPrivatePath(path), path).toBe(true)
    for (const path of ['/', '/search', '/products/miel-sidr', '/shops/x', '/dashboards-are-not-a-prefix'])
      expect(isPrivatePath(path), path).toBe(false)
  })
})
