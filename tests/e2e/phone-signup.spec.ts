import { expect, test } from './fixtures'

// Issue 16: a producer with a phone and no email signs up on a 360 px phone in Arabic; the code
// comes by SMS, read here from the dev mailbox (the local SMS sender), then she logs in by number.

const randomMobile = () => `06${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`

test('sign up with a phone number only, confirm by the texted code, log in by number, find "sell"', async ({ page }) => {
  test.setTimeout(150_000)
  const phone = randomMobile()
  await page.goto('/signup')
  await page.screenshot({ path: 'test-results/screens/phone-signup-ar-360.png', fullPage: true })
  await page.getByLabel('الاسم الكامل').fill('وردية آيت أحمد')
  await page.getByLabel('رقم الهاتف الجوال').fill(`${phone.slice(0, 4)} ${phone.slice(4, 6)} ${phone.slice(6, 8)} ${phone.slice(8)}`)
  await page.getByLabel('كلمة المرور').fill('warda-phone-2026')
  await page.getByRole('button', { name: 'إنشاء الحساب' }).click()
  await expect(page.getByRole('heading', { name: 'تأكيد رقم الهاتف' })).toBeVisible()
  await expect(page.getByText(phone)).toBeVisible()
  await page.screenshot({ path: 'test-results/screens/phone-verify-ar-360.png', fullPage: true })

  await page.goto(`/dev/mailbox?to=${phone}`)
  const sms = page.getByTestId('sms').first()
  await expect(sms).toHaveAttribute('data-to', `+213${phone.slice(1)}`)
  const code = (await sms.getByTestId('sms-body').innerText()).match(/\b(\d{6})\b/)?.[1]
  expect(code).toBeTruthy()

  await page.goto('/verify')
  await page.getByLabel('رمز التحقق (6 أرقام)').fill(code!)
  await page.getByRole('button', { name: 'تأكيد' }).click()
  await expect(page.getByText('تم تأكيد رقم هاتفك')).toBeVisible({ timeout: 20_000 })

  // No email, and nothing breaks: the account page shows the number, locked as the login.
  await page.goto('/account')
  await expect(page.getByRole('heading', { name: 'حسابي' })).toBeVisible()
  await expect(page.getByLabel('رقم الهاتف الجوال')).toHaveValue(phone)
  await page.getByRole('button', { name: 'تسجيل الخروج', exact: true }).click()
  await expect(page).toHaveURL('/')

  await page.goto('/login')
  await page.getByLabel('رقم الهاتف أو البريد الإلكتروني').fill(`+213 ${phone.slice(1)}`)
  await page.getByLabel('كلمة المرور').fill('wrong-password')
  await page.getByRole('button', { name: 'دخول' }).click()
  await expect(page.getByRole('alert')).toHaveText('رقم الهاتف أو كلمة المرور غير صحيحة.')
  await page.getByLabel('رقم الهاتف أو البريد الإلكتروني').fill(phone)
  await page.getByLabel('كلمة المرور').fill('warda-phone-2026')
  await page.getByRole('button', { name: 'دخول' }).click()
  await expect(page).toHaveURL('/')

  // "Sell" is in the header, and the application says what to have ready.
  await page.getByRole('link', { name: 'بِع معنا' }).click()
  await expect(page).toHaveURL(/\/sell/)
  await expect(page.getByTestId('sell-before-you-start')).toContainText('CCP')
  await expect(page.getByTestId('sell-before-you-start')).toContainText('صورة')
})

test('forgot password by phone: the texted code sets a new password', async ({ page }) => {
  test.setTimeout(120_000)
  const phone = randomMobile()
  await page.goto('/signup')
  await page.getByLabel('الاسم الكامل').fill('Samia')
  await page.getByLabel('رقم الهاتف الجوال').fill(phone)
  await page.getByLabel('كلمة المرور').fill('first-phone-pass')
  await page.getByRole('button', { name: 'إنشاء الحساب' }).click()
  await expect(page).toHaveURL(/\/verify/)
  await page.context().clearCookies()

  await page.goto('/forgot-password')
  await page.getByLabel('رقم الهاتف أو البريد الإلكتروني').fill(phone)
  await page.getByRole('button', { name: 'أرسل الرابط' }).click()
  await expect(page).toHaveURL(/\/reset-password\/sms/)
  await page.goto(`/dev/mailbox?to=${phone}`)
  const text = page.locator('[data-testid="sms"][data-kind="phone_reset_code"]').first()
  const code = (await text.getByTestId('sms-body').innerText()).match(/\b(\d{6})\b/)?.[1]
  expect(code).toBeTruthy()
  await page.goBack()
  await page.getByLabel('رمز التحقق (6 أرقام)').fill(code!)
  await page.getByLabel('كلمة المرور الجديدة').fill('second-phone-pass')
  await page.getByLabel('أعد كتابة كلمة المرور').fill('second-phone-pass')
  await page.getByRole('button', { name: 'حفظ كلمة المرور' }).click()
  await expect(page.getByText('تم تغيير كلمة المرور')).toBeVisible()
  await page.getByLabel('رقم الهاتف أو البريد الإلكتروني').fill(phone)
  await page.getByLabel('كلمة المرور').fill('second-phone-pass')
  await page.getByRole('button', { name: 'دخول' }).click()
  await expect(page).toHaveURL(/\/verify|\/$/)
})
