import sharp from 'sharp'
import { DEMO_PASSWORD, expect, test } from './fixtures'
import { logIn, logOut } from './support/accounts'
import { checkOutCashOnDelivery } from './support/checkout'
import { msg } from './support/messages'

// Issue 20 on a 360 px phone in Arabic: a producer lists one dress in two sizes × two colours,
// each combination with its price and stock; the moderator approves it; a buyer picks a size and
// colour, sees that combination's price and stock, and orders it.

const PRODUCER = 'fatima.benali@demo.taswiq.dz'
const m = (key: string, values: Record<string, string | number> = {}) => msg('ar', key, values)

test.describe.configure({ timeout: 150_000 })

test('a dress with sizes and colours: listed, approved, picked and ordered', async ({ page }) => {
  const word = `zv${Date.now().toString(36)}`
  const title = `جبة قبائلية ${word}`
  const cover = await sharp({ create: { width: 800, height: 800, channels: 3, background: '#8f3a5a' } }).jpeg({ quality: 70 }).toBuffer()

  await logIn(page, PRODUCER, DEMO_PASSWORD)
  await page.goto('/dashboard/products/new')
  await page.getByLabel('الصور').setInputFiles([{ name: 'dress.jpg', mimeType: 'image/jpeg', buffer: cover }])
  await page.getByLabel('اسم المنتج').fill(title)
  await page.getByLabel('الوصف', { exact: true }).fill('جبة مطرزة يدويًا بألوان زاهية.')
  await page.getByLabel('الفئة').selectOption({ index: 1 })
  await page.getByLabel('السعر (دج)').fill('9000')
  await page.getByLabel('الكمية المتوفرة').fill('1')
  await page.getByRole('button', { name: 'إرسال للمراجعة' }).click()
  await expect(page.getByText('أُرسل المنتج للمراجعة.')).toBeVisible()

  // Options: sizes and colours, then the grid of combinations.
  await page.getByRole('link', { name: title }).first().click()
  await page.getByRole('link', { name: m('variants.manage') }).click()
  await page.getByLabel(m('variants.option1Name')).fill('المقاس')
  await page.getByLabel(m('variants.values')).first().fill('M، L')
  await page.getByLabel(m('variants.option2Name')).fill('اللون')
  await page.getByLabel(m('variants.values')).nth(1).fill('أحمر، أزرق')
  await page.getByRole('button', { name: m('variants.saveOptions') }).click()
  await expect(page.getByText(m('variants.toast.optionsSaved'))).toBeVisible()
  await expect(page.getByTestId('variant-row')).toHaveCount(4)
  const grid = [
    ['M / أحمر', '9000', '3'],
    ['M / أزرق', '9000', '0'],
    ['L / أحمر', '9500', '2'],
    ['L / أزرق', '9800', '5'],
  ]
  for (const [label, price, stock] of grid) {
    await page.getByLabel(`${m('variants.price')} — ${label}`).fill(price!)
    await page.getByLabel(`${m('variants.stock')} — ${label}`).fill(stock!)
  }
  await page.screenshot({ path: 'test-results/screens/variants-grid-ar-360.png', fullPage: true })
  await page.getByRole('button', { name: m('variants.saveGrid') }).click()
  await expect(page.getByText(m('variants.toast.gridSaved'))).toBeVisible()
  await expect(page.getByLabel(`${m('variants.stock')} — L / أزرق`)).toHaveValue('5')
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
  await logOut(page)

  await logIn(page, 'moderateur@taswiq.dz', DEMO_PASSWORD)
  await page.goto('/moderation/products')
  await page.getByRole('link', { name: new RegExp(title) }).click()
  await page.getByRole('button', { name: 'قبول ونشر المنتج' }).click()
  await expect(page.getByText('قُبل المنتج ونُشر؛ أُبلغ المنتج.')).toBeVisible()
  await logOut(page)

  // The buyer picks L / أزرق: its price and stock show; the sold-out M / أزرق cannot be chosen.
  await logIn(page, 'client@taswiq.dz', DEMO_PASSWORD)
  await page.goto(`/search?q=${word}`)
  await page.getByRole('link', { name: title }).first().click()
  const picker = page.getByTestId('variant-picker')
  await expect(picker.getByRole('radio')).toHaveCount(4)
  await expect(picker.getByRole('radio', { name: /M \/ أزرق/ })).toBeDisabled()
  await picker.getByText('L / أزرق').click()
  await expect(page.getByTestId('price')).toContainText('9')
  await expect(page.getByTestId('price')).toContainText('800')
  await expect(page.getByTestId('variant-stock')).toHaveText(m('variants.inStock', { count: 5 }))
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
  await page.screenshot({ path: 'test-results/screens/variants-product-ar-360.png', fullPage: true })
  await page.getByRole('button', { name: m('cart.add') }).click()
  await expect(page.getByText(m('cart.added'))).toBeVisible()

  await page.goto('/cart')
  await expect(page.getByTestId('cart-variant')).toHaveText('L / أزرق')
  await checkOutCashOnDelivery(page)
  // Other tests order as this buyer too (their shop's order can be the newest): open the newest
  // orders until the one holding the dress.
  for (let i = 0; i < 5; i++) {
    await page.goto('/account/orders')
    await page.getByRole('link').filter({ hasText: /TSQ-/ }).nth(i).click()
    await expect(page.getByRole('heading', { level: 1, name: /TSQ-/ })).toBeVisible()
    if (await page.getByText(title).first().isVisible()) break
  }
  await expect(page.getByText('(L / أزرق)')).toBeVisible()
})
