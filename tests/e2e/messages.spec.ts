import { DEMO_PASSWORD, expect, test } from './fixtures'
import { logIn } from './support/accounts'

// A marker without digits (long digit runs are masked as phone numbers).
const tag = () => Math.random().toString(36).slice(2, 8).replace(/[0-9]/g, 'x')

// A buyer (an applicant whose shop is still pending: she buys as anyone, and has no order with
// this shop) asks the rose-water producer a question from the product page; the producer answers
// from her phone; the buyer's open conversation shows the answer without a reload. No other
// browser test writes to this shop's messages.
const buyer = 'zineb.belkaid@demo.taswiq.dz'
const producer = 'leila.hamdi@demo.taswiq.dz'
const productSlug = 'ma-al-ward-muqattar-250ml'

test('buyer asks about a product, the producer answers, the buyer sees it without reloading', async ({ browser, page }) => {
  test.setTimeout(90_000)
  await logIn(page, buyer, DEMO_PASSWORD)
  await page.goto(`/p/${productSlug}`)
  await page.getByRole('link', { name: 'اسأل المنتِج' }).click()
  await expect(page.getByRole('heading', { name: 'سؤال إلى ماء الورد – الشفة' })).toBeVisible()
  const question = `هل يصلح للبشرة الحساسة؟ رقمي 0661 23 45 67 (${tag()})`
  await page.getByLabel('سؤالك للمنتِج').fill(question)
  await page.getByRole('button', { name: 'إرسال' }).click()
  await expect(page).toHaveURL(/\/account\/messages\/\w+$/)
  const thread = page.getByTestId('thread')
  // Before any order, the phone number is masked on the server.
  await expect(thread).toContainText('هل يصلح للبشرة الحساسة؟ رقمي •••')
  await expect(thread).not.toContainText('0661')
  await expect(thread).toContainText('أُخفيت معلومات اتصال')
  const conversationUrl = new URL(page.url()).pathname

  // The producer, on her phone in another browser.
  const producerContext = await browser.newContext({ viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true })
  const producerPage = await producerContext.newPage()
  // A second browser logging in while the first is busy was seen landing back on the log-in form
  // on this 2-core machine: the inbox is asked for, and the log-in repeated once if needed.
  for (let attempt = 0; attempt < 2; attempt++) {
    await logIn(producerPage, producer, DEMO_PASSWORD)
    await producerPage.goto('/dashboard/messages')
    if (!/\/login/.test(producerPage.url())) break
  }
  await expect(producerPage.getByRole('heading', { name: 'رسائل المتجر' })).toBeVisible()
  await expect(producerPage.getByTestId('messages-link')).toHaveAttribute('aria-label', /غير مقروءة/)
  await producerPage.getByRole('link', { name: /زينب/ }).click()
  await expect(producerPage.getByTestId('thread')).toContainText('رقمي •••')
  const answer = `نعم، هو طبيعي تمامًا ولا يحتوي على كحول (${tag()})`
  await producerPage.getByLabel('رسالتك').fill(answer)
  await producerPage.getByRole('button', { name: 'إرسال' }).click()
  await expect(producerPage.getByTestId('thread')).toContainText(answer)
  await producerContext.close()

  // The buyer's page, still open, gets the answer from the polling route.
  await expect(page).toHaveURL(conversationUrl)
  await expect(thread).toContainText(answer, { timeout: 20_000 })
  await page.screenshot({ path: 'test-results/screens/conversation-ar-360.png', fullPage: true })
})
