import { DEMO_PASSWORD, expect, test } from './fixtures'
import { logIn } from './support/accounts'
import { msg } from './support/messages'

// Issue 21 on a French desktop: a buyer asks the rose-water producer a question from the product
// page, the producer answers from her dashboard, and the buyer's open conversation shows the answer
// without a reload. (The Arabic phone journey, with contact masking, is messages.spec.ts.)
const m = (key: string, values: Record<string, string | number> = {}) => msg('fr', key, values)
const tag = () => Math.random().toString(36).slice(2, 8).replace(/[0-9]/g, 'x')
const producer = 'leila.hamdi@demo.taswiq.dz'

test('a French buyer asks a question on a product; the producer answers; the buyer sees it without reloading', async ({ browser, page }) => {
  test.setTimeout(90_000)
  await logIn(page, 'client@taswiq.dz', DEMO_PASSWORD)
  await page.goto('/p/ma-al-ward-muqattar-250ml')
  await page.getByRole('link', { name: m('product.askProducer') }).click()
  const question = `Convient-il aux peaux sensibles ? (${tag()})`
  // A retry finds the conversation already open (one per buyer and shop): its field is the reply's.
  await page
    .getByLabel(m('messaging.yourQuestion'))
    .or(page.getByLabel(m('messaging.yourMessage')))
    .fill(question)
  await page.getByRole('button', { name: m('messaging.send') }).click()
  await expect(page).toHaveURL(/\/account\/messages\/\w+$/)
  const thread = page.getByTestId('thread')
  await expect(thread).toContainText(question)
  const conversationUrl = new URL(page.url()).pathname

  const producerContext = await browser.newContext({ locale: 'fr-FR' })
  const producerPage = await producerContext.newPage()
  for (let attempt = 0; attempt < 2; attempt++) {
    await logIn(producerPage, producer, DEMO_PASSWORD)
    await producerPage.goto('/dashboard/messages')
    if (!/\/login/.test(producerPage.url())) break
  }
  await producerPage
    .getByRole('link')
    .filter({ hasText: question.slice(0, 20) })
    .first()
    .click()
  await expect(producerPage.getByTestId('thread')).toContainText(question)
  const answer = `Oui, elle est naturelle et sans alcool (${tag()})`
  await producerPage.getByLabel(m('messaging.yourMessage')).fill(answer)
  await producerPage.getByRole('button', { name: m('messaging.send') }).click()
  await expect(producerPage.getByTestId('thread')).toContainText(answer)
  await producerContext.close()

  await expect(page).toHaveURL(conversationUrl)
  await expect(thread).toContainText(answer, { timeout: 20_000 })
  await page.screenshot({ path: 'test-results/screens/conversation-fr-desktop.png', fullPage: true })
})
