import sharp from 'sharp'
import { expect, type Page } from '@playwright/test'
import { msg, type Language } from './messages'

export async function signUp(page: Page, { name, email, password, language = 'ar' }: { name: string; email: string; password: string; language?: Language }) {
  const m = (key: string) => msg(language, key)
  await page.goto('/signup')
  await page.getByLabel(m('auth.fields.name')).fill(name)
  // Email is optional since phone sign-up (issue 16): its label says so.
  await page.getByLabel(m('phoneAuth.emailOptional')).fill(email)
  await page.getByLabel(m('auth.fields.password'), { exact: true }).fill(password)
  await page.getByRole('button', { name: m('auth.signup.submit') }).click()
  await expect(page).toHaveURL(/\/verify/)
}

export async function logIn(page: Page, email: string, password: string) {
  // By field names, so it works whatever the page's language.
  await page.goto('/login')
  await page.locator('input[name="email"]').fill(email)
  await page.locator('input[name="password"]').fill(password)
  await page.locator('form#login button[type="submit"]').click()
  await expect(page).not.toHaveURL(/\/login/)
}

export async function logOut(page: Page, language: Language = 'ar') {
  await page.goto('/account')
  await page.getByRole('button', { name: msg(language, 'account.logout'), exact: true }).click()
  await expect(page).toHaveURL('/')
}

/** A small JPEG, as a phone photo of an artisan card would be. */
export function cardPhoto() {
  return sharp({
    create: { width: 320, height: 200, channels: 3, background: '#e0eedb' },
  })
    .jpeg()
    .toBuffer()
}

/** Fills every step of the application to sell and sends it; ends on the "under review" page. */
export async function applyToSell(
  page: Page,
  {
    shopName,
    language = 'ar',
    card,
    send = true,
  }: { shopName: string; language?: Language; card?: { name: string; mimeType: string; buffer: Buffer }; /** false: stop on the documents step, the card uploaded */ send?: boolean }
) {
  const m = (key: string) => msg(language, key)
  const next = () => page.getByRole('button', { name: m('sell.saveAndContinue') }).click()
  await page.goto('/sell')
  await page.getByLabel(m('sell.fields.name')).fill(shopName)
  await page.getByLabel(m('sell.fields.story')).fill('أصنع الفخار في بيتي بقرية تاسقة منذ عشرين سنة.')
  await page.getByLabel(m('producerCategory.rural_woman')).check()
  await next()

  await expect(page).toHaveURL(/step=place/)
  await page.getByLabel(m('sell.fields.wilaya')).selectOption('15')
  // Without JavaScript the communes come with the page this button loads; with it, it is harmless.
  await page.getByRole('button', { name: m('sell.fields.showCommunes') }).click()
  await expect(page.getByLabel(m('sell.fields.commune'))).toBeEnabled()
  await page.getByLabel(m('sell.fields.commune')).selectOption({ index: 1 })
  await page.getByLabel(m('sell.fields.phone')).fill('0661 23 45 67')
  await next()

  await expect(page).toHaveURL(/step=legal/)
  await page.getByLabel(m('sell.fields.artisanCardNumber')).fill('CA-15-2020-00123')
  await page.getByLabel(m('sell.fields.nif')).fill('198815290012345')
  await next()

  await expect(page).toHaveURL(/step=payout/)
  await page.getByLabel(m('sell.fields.payoutAccount')).fill('12345678 42')
  await page.getByLabel(m('sell.fields.payoutHolderName')).fill('وردية آيت أحمد')
  await next()

  await expect(page).toHaveURL(/step=documents/)
  const file = card ?? { name: 'carte-artisan.jpg', mimeType: 'image/jpeg', buffer: await cardPhoto() }
  await page.getByLabel(m('sell.documents.add')).setInputFiles(file)
  await page.getByRole('button', { name: m('sell.documents.upload') }).click()
  // Shrinking a camera photo on the phone is CPU work: seconds on a busy test machine.
  await expect(page.getByRole('link', { name: file.name })).toBeVisible({ timeout: 30_000 })
  if (!send) return
  await page.getByRole('link', { name: m('sell.continue') }).click()

  await expect(page).toHaveURL(/step=review/)
  await expect(page.getByText('0012345678 42')).toBeVisible()
  await page.getByRole('button', { name: m('sell.submit') }).click()
  await expect(page.getByText(m('sell.pending'))).toBeVisible()
}
