import sharp from 'sharp'
import type { Page } from '@playwright/test'
import { DEMO_PASSWORD, expect, test } from './fixtures'
import { logIn, logOut } from './support/accounts'

// The whole path of issue 5 in one story, on a 360 px phone in Arabic: a producer lists two
// products, the moderator approves one and rejects the other, the approved one is found by search
// and on the shop page, a buyer reports it, and the producer reads the rejection's reason.

const PRODUCER = 'fatima.benali@demo.taswiq.dz'
const SHOP_SLUG = 'halfa-beni-snous'

const photo = (colour: string, i: number) =>
  sharp({ create: { width: 800, height: 600, channels: 3, background: colour } })
    .jpeg({ quality: 70 })
    .toBuffer()
    .then((buffer) => ({ name: `photo-${i}.jpg`, mimeType: 'image/jpeg', buffer }))

async function addProduct(page: Page, title: string, photos: number) {
  await page.goto('/dashboard/products/new')
  await page.getByLabel('الصور').setInputFiles(await Promise.all(['#b5793c', '#6d8f3a', '#3a6d8f'].slice(0, photos).map(photo)))
  await page.getByLabel('اسم المنتج').fill(title)
  await page.getByLabel('الوصف', { exact: true }).fill('مضفورة يدويًا من الحلفاء في بني سنوس.')
  await page.getByLabel('الفئة').selectOption({ index: 1 })
  await page.getByLabel('السعر (دج)').fill('2400')
  await page.getByLabel('الكمية المتوفرة').fill('4')
  await page.getByRole('button', { name: 'إرسال للمراجعة' }).click()
  await expect(page.getByText('أُرسل المنتج للمراجعة.')).toBeVisible()
}

test.describe.configure({ timeout: 120_000 })

test('list, review, publish, find, report; and a rejection the producer can read', async ({ page }) => {
  // A made-up word in both titles, so the search below finds exactly these products.
  const word = `zq${Date.now().toString(36)}`
  const approved = `سلة حلفاء ${word}`
  const rejected = `حصيرة حلفاء ${word}`

  await logIn(page, PRODUCER, DEMO_PASSWORD)
  await addProduct(page, approved, 3)
  await addProduct(page, rejected, 1)
  await logOut(page)

  // Nothing reaches the public before a moderator. (Another address than the search below:
  // public catalog pages may be cached by the browser for a minute.)
  await page.goto(`/search?q=${word}&sort=newest`)
  await expect(page.getByRole('link', { name: approved })).toHaveCount(0)

  await logIn(page, 'moderateur@taswiq.dz', DEMO_PASSWORD)
  await page.goto('/moderation/products')
  await page.getByRole('link', { name: new RegExp(approved) }).click()
  await expect(page.getByRole('heading', { name: 'الصور (3)' })).toBeVisible()
  await page.getByRole('button', { name: 'قبول ونشر المنتج' }).click()
  await expect(page.getByText('قُبل المنتج ونُشر؛ أُبلغ المنتج.')).toBeVisible()

  await page.getByRole('link', { name: new RegExp(rejected) }).click()
  await page.getByLabel('السبب').selectOption('poor_photos')
  await page.getByLabel('رسالة إلى المنتج').fill('صورة واحدة مظلمة؛ أضيفي صورًا في ضوء النهار.')
  await page.getByRole('button', { name: 'رفض المنتج' }).click()
  await expect(page.getByText('رُفض المنتج؛ أُبلغ المنتج بالسبب.')).toBeVisible()
  await logOut(page)

  // Public now: in search (the rejected one is not) and on the shop's page.
  await page.goto(`/search?q=${word}`)
  await expect(page.getByRole('link', { name: approved }).first()).toBeVisible()
  await expect(page.getByRole('link', { name: rejected })).toHaveCount(0)
  await page.goto(`/s/${SHOP_SLUG}`)
  await expect(page.getByRole('link', { name: approved }).first()).toBeVisible()

  // A buyer reports it; the report waits in the moderators' queue.
  await logIn(page, 'client@taswiq.dz', DEMO_PASSWORD)
  await page.goto(`/search?q=${word}`)
  await page.getByRole('link', { name: approved }).first().click()
  await page.getByRole('link', { name: 'الإبلاغ عن هذا المنتج' }).click()
  await page.getByLabel('منتج مقلّد').check()
  await page.getByRole('button', { name: 'إرسال البلاغ' }).click()
  await expect(page.getByText('شكرًا، وصلنا بلاغك وسيراجعه مشرف.')).toBeVisible()
  await logOut(page)

  await logIn(page, 'moderateur@taswiq.dz', DEMO_PASSWORD)
  await page.goto('/moderation/reports')
  await expect(page.getByRole('article').filter({ has: page.getByRole('heading', { name: approved }) })).toBeVisible()
  await logOut(page)

  // The producer sees why the other one was refused, in the dashboard.
  await logIn(page, PRODUCER, DEMO_PASSWORD)
  await page.goto('/dashboard/products')
  const row = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: rejected }) })
  await expect(row.getByText('مرفوض')).toBeVisible()
  await expect(row.getByText('الصور غير واضحة أو غير مناسبة')).toBeVisible()
})
