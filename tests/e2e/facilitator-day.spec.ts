import type { Page } from '@playwright/test'
import { DEMO_PASSWORD, expect, test, uniqueEmail } from './fixtures'

// Issue 22, "a facilitator's day on a phone" (360 px, Arabic): the demo facilitator (a social worker
// of Constantine's local cell, seeded with two producers) logs in, works on Zhor's shop from her own
// account and changes a stock; the producer then sees that step "by her on behalf of" herself. In
// the afternoon she brings a new producer online: the application, then the consent code texted to
// the producer's phone (read here from the dev mailbox), typed back, and the help is active.

const FACILITATOR = 'facilitatrice@taswiq.dz'
const FACILITATOR_NAME = 'نادية بوخالفة (خلية جوارية)'
const PRODUCER = 'zhor.bouchair@demo.taswiq.dz'
const SHOP = 'حلويات لالة زهور'
const PRODUCT = 'بقلاوة باللوز – علبة 24 قطعة'
const randomMobile = () => `07${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`

async function logIn(page: Page, email: string) {
  await page.goto('/login')
  await page.getByLabel('رقم الهاتف أو البريد الإلكتروني').fill(email)
  await page.getByLabel('كلمة المرور').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'دخول' }).click()
  await expect(page).not.toHaveURL(/\/login/)
}

test('a facilitator’s day: works on a producer’s shop, audited on her behalf, and brings a new producer online by SMS consent', async ({ page }) => {
  test.setTimeout(120_000)
  await logIn(page, FACILITATOR)
  await page.getByRole('link', { name: 'متجري' }).click()
  await expect(page).toHaveURL(/\/assist$/)
  await expect(page.getByRole('heading', { name: 'المنتجات اللواتي أرافقهن' })).toBeVisible()
  const zhor = page.getByRole('listitem').filter({ hasText: SHOP })
  await expect(zhor).toContainText('نشط')
  await page.screenshot({ path: 'test-results/screens/facilitator-assist-ar-360.png', fullPage: true })

  // Morning: Zhor's shop, from the facilitator's own account.
  await zhor.getByRole('button', { name: 'تسيير هذا المتجر' }).click()
  await expect(page).toHaveURL(/\/dashboard$/)
  await expect(page.getByText('أنتِ تعملين لحساب زهور بوشعير.')).toBeVisible()
  await page.goto('/dashboard/products')
  const stock = 20 + Math.floor(Math.random() * 70)
  await page.getByRole('spinbutton', { name: `كمية ${PRODUCT}`, exact: true }).fill(String(stock))
  await page.getByRole('button', { name: `حفظ كمية ${PRODUCT}` }).click()
  await expect(page.getByText('حُفظت الكمية.')).toBeVisible()
  await expect(page.getByRole('spinbutton', { name: `كمية ${PRODUCT}`, exact: true })).toHaveValue(String(stock))
  // The money is the producer's: the payout page is closed to her.
  expect((await page.request.get('/dashboard/payouts')).status()).toBe(403)

  // Afternoon: a new producer of Constantine, her consent by a code texted to her phone.
  const phone = randomMobile()
  const shopName = `كسكس دار ${phone.slice(-4)}`
  await page.goto('/assist')
  await page.getByLabel('الاسم الكامل للمنتجة').fill('حورية بوزيد')
  await page.getByLabel('البريد الإلكتروني للمنتجة').fill(uniqueEmail('houria'))
  await page.getByLabel('هاتف المنتجة').fill(phone)
  await page.getByLabel('اسم المتجر').fill(shopName)
  await page.getByLabel('البلدية').selectOption({ index: 3 })
  await page.getByLabel('رقم بطاقة الحرفي').fill('AC-25-2026-0042')
  await page.getByLabel('رقم التعريف الجبائي (NIF)').fill('000125001001234')
  await page.getByLabel('رقم الحساب').fill('0012345678 90')
  await page.getByLabel('اسم صاحب الحساب').fill('حورية بوزيد')
  await page.getByRole('button', { name: 'بدء الطلب' }).click()
  await expect(page.getByText('بدأ الطلب: سجّلي الآن موافقتها.')).toBeVisible()
  const houria = page.getByRole('listitem').filter({ hasText: shopName })
  await expect(houria).toContainText('في انتظار موافقتها')
  await houria.getByRole('button', { name: 'إرسال الرمز إلى هاتفها' }).click()
  await expect(page.getByText('أُرسل الرمز إلى هاتفها.')).toBeVisible()

  await page.goto(`/dev/mailbox?to=${phone}`)
  const sms = page.getByTestId('sms').first()
  await expect(sms).toHaveAttribute('data-to', `+213${phone.slice(1)}`)
  const body = await sms.getByTestId('sms-body').innerText()
  expect(body).toContain(FACILITATOR_NAME)
  const code = body.match(/\b(\d{6})\b/)?.[1]
  expect(code).toBeTruthy()

  await page.goto('/assist')
  const waiting = page.getByRole('listitem').filter({ hasText: shopName })
  await waiting.getByLabel('الرمز الذي أعطتك إياه (6 أرقام)').fill(code === '000000' ? '111111' : '000000')
  await waiting.getByRole('button', { name: 'تأكيد موافقتها' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'الرمز غير صحيح.' })).toBeVisible()
  await page.getByRole('listitem').filter({ hasText: shopName }).getByLabel('الرمز الذي أعطتك إياه (6 أرقام)').fill(code!)
  await page.getByRole('listitem').filter({ hasText: shopName }).getByRole('button', { name: 'تأكيد موافقتها' }).click()
  await expect(page.getByText('سُجّلت الموافقة.')).toBeVisible()
  await expect(page.getByRole('listitem').filter({ hasText: shopName })).toContainText('نشط')
  await page.screenshot({ path: 'test-results/screens/facilitator-consent-ar-360.png', fullPage: true })

  // Evening: Zhor sees what was done in her name, and by whom.
  await page.context().clearCookies()
  await logIn(page, PRODUCER)
  await page.goto('/dashboard/assistance')
  await expect(page.getByText(`${FACILITATOR_NAME} تساعدك في متجرك`)).toBeVisible()
  await expect(page.getByRole('listitem').filter({ hasText: `حُفظت الكمية. — بواسطة ${FACILITATOR_NAME} نيابة عنك` }).first()).toBeVisible()
  await expect(page.getByRole('button', { name: 'إنهاء المرافقة' })).toBeVisible()
})
