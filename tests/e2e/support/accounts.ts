import sharp from 'sharp'
import { expect, type Page } from '@playwright/test'

export async function signUp(page: Page, { name, email, password }: { name: string; email: string; password: string }) {
  await page.goto('/signup')
  await page.getByLabel('الاسم الكامل').fill(name)
  await page.getByLabel('البريد الإلكتروني').fill(email)
  await page.getByLabel('كلمة المرور').fill(password)
  await page.getByRole('button', { name: 'إنشاء الحساب' }).click()
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

export async function logOut(page: Page) {
  await page.goto('/account')
  await page.getByRole('button', { name: 'تسجيل الخروج', exact: true }).click()
  await expect(page).toHaveURL('/')
}

/** A small JPEG, as a phone photo of an artisan card would be. */
export function cardPhoto() {
  return sharp({ create: { width: 320, height: 200, channels: 3, background: '#e0eedb' } }).jpeg().toBuffer()
}

/** Fills every step of the application to sell and sends it; ends on the "under review" page. */
export async function applyToSell(page: Page, { shopName }: { shopName: string }) {
  await page.goto('/sell')
  await page.getByLabel('اسم المتجر').fill(shopName)
  await page.getByLabel('قصتك').fill('أصنع الفخار في بيتي بقرية تاسقة منذ عشرين سنة.')
  await page.getByLabel('امرأة ريفية').check()
  await page.getByRole('button', { name: 'حفظ ومتابعة' }).click()

  await expect(page).toHaveURL(/step=place/)
  await page.getByLabel('الولاية').selectOption('15')
  await expect(page.getByLabel('البلدية')).toBeEnabled()
  await page.getByLabel('البلدية').selectOption({ label: 'بني يني' })
  await page.getByLabel('رقم الهاتف').fill('0661 23 45 67')
  await page.getByRole('button', { name: 'حفظ ومتابعة' }).click()

  await expect(page).toHaveURL(/step=legal/)
  await page.getByLabel('رقم بطاقة الحرفي').fill('CA-15-2020-00123')
  await page.getByLabel('رقم التعريف الجبائي (NIF)').fill('198815290012345')
  await page.getByRole('button', { name: 'حفظ ومتابعة' }).click()

  await expect(page).toHaveURL(/step=payout/)
  await page.getByLabel('رقم الحساب').fill('12345678 42')
  await page.getByLabel('اسم صاحب الحساب').fill('وردية آيت أحمد')
  await page.getByRole('button', { name: 'حفظ ومتابعة' }).click()

  await expect(page).toHaveURL(/step=documents/)
  await page.getByLabel('اختاري صورة أو ملف PDF').setInputFiles({ name: 'carte-artisan.jpg', mimeType: 'image/jpeg', buffer: await cardPhoto() })
  await page.getByRole('button', { name: 'إرفاق' }).click()
  await expect(page.getByRole('link', { name: 'carte-artisan.jpg' })).toBeVisible()
  await page.getByRole('link', { name: 'متابعة' }).click()

  await expect(page).toHaveURL(/step=review/)
  await expect(page.getByText('0012345678 42')).toBeVisible()
  await page.getByRole('button', { name: 'إرسال الطلب للمراجعة' }).click()
  await expect(page.getByText('طلبك قيد المراجعة')).toBeVisible()
}
