import { DEMO_PASSWORD, expect, latestEmailText, test, uniqueEmail } from './fixtures'
import { logIn } from './support/accounts'

test('sign up, verify by emailed code, log out, log in, reset the password by emailed link', async ({ page }) => {
  // A long journey (several log-ins, each a deliberate password hash): more than the default 30 s on a busy machine.
  test.setTimeout(90_000)
  const email = uniqueEmail('nadia')
  await page.goto('/signup')
  await page.screenshot({ path: 'test-results/screens/signup-ar-360.png', fullPage: true })
  await page.getByLabel('الاسم الكامل').fill('نادية بن علي')
  await page.getByLabel('البريد الإلكتروني').fill(email)
  await page.getByLabel('رقم الهاتف الجوال').fill('0661 23 45 67')
  await page.getByLabel('كلمة المرور').fill('first-password-1')
  await page.getByRole('button', { name: 'إنشاء الحساب' }).click()
  await expect(page.getByRole('heading', { name: 'تأكيد البريد الإلكتروني' })).toBeVisible()

  const codeEmail = await latestEmailText(page, email)
  const code = codeEmail.match(/\b(\d{6})\b/)?.[1]
  expect(code).toBeTruthy()
  await page.goto('/verify')
  await page.screenshot({ path: 'test-results/screens/verify-ar-360.png', fullPage: true })
  await page.getByLabel('رمز التحقق (6 أرقام)').fill(code!)
  await page.getByRole('button', { name: 'تأكيد' }).click()
  await expect(page.getByText('تم تأكيد بريدك الإلكتروني')).toBeVisible()

  await page.goto('/account')
  await expect(page.getByRole('heading', { name: 'حسابي' })).toBeVisible()
  await expect(page.getByLabel('رقم الهاتف (اختياري)')).toHaveValue('0661234567')
  await page.getByRole('button', { name: 'تسجيل الخروج', exact: true }).click()
  // Wait for the log-out to land before asking for a page that needs a session.
  await expect(page).toHaveURL('/')
  await page.goto('/account')
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount/)

  await page.getByLabel('البريد الإلكتروني').fill(email)
  await page.getByLabel('كلمة المرور').fill('first-password-1')
  await page.getByRole('button', { name: 'دخول' }).click()
  await expect(page).toHaveURL(/\/account$/)

  // Forgot password: the link arrives by email, works once, and the old password stops working.
  await page.getByRole('button', { name: 'تسجيل الخروج', exact: true }).click()
  await expect(page).toHaveURL('/')
  await page.goto('/forgot-password')
  await page.getByLabel('البريد الإلكتروني').fill(email)
  await page.getByRole('button', { name: 'أرسل الرابط' }).click()
  await expect(page.getByText('إن كان هذا العنوان مسجّلًا لدينا')).toBeVisible()
  const resetEmail = await latestEmailText(page, email)
  const link = resetEmail.match(/https?:\/\/\S+\/reset-password\?token=[a-z0-9]+/)?.[0]
  expect(link).toBeTruthy()
  await page.goto(new URL(link!).pathname + new URL(link!).search)
  await page.getByLabel('كلمة المرور الجديدة').fill('second-password-2')
  await page.getByLabel('أعد كتابة كلمة المرور').fill('second-password-2')
  await page.getByRole('button', { name: 'حفظ كلمة المرور' }).click()
  await expect(page.getByText('تم تغيير كلمة المرور')).toBeVisible()

  await page.goto(new URL(link!).pathname + new URL(link!).search)
  await expect(page.getByText('هذا الرابط منتهي الصلاحية أو سبق استعماله.')).toBeVisible()

  await page.goto('/login')
  await page.getByLabel('البريد الإلكتروني').fill(email)
  await page.getByLabel('كلمة المرور').fill('first-password-1')
  await page.getByRole('button', { name: 'دخول' }).click()
  await expect(page.getByText('البريد الإلكتروني أو كلمة المرور غير صحيحة.')).toBeVisible()
  await page.getByLabel('كلمة المرور').fill('second-password-2')
  await page.getByRole('button', { name: 'دخول' }).click()
  await expect(page).toHaveURL('/')
})

test('five wrong passwords in a row are throttled, with a translated wait', async ({ page }) => {
  const email = uniqueEmail('throttled')
  await page.goto('/signup')
  await page.getByLabel('الاسم الكامل').fill('Samira')
  await page.getByLabel('البريد الإلكتروني').fill(email)
  await page.getByLabel('كلمة المرور').fill('right-password-1')
  await page.getByRole('button', { name: 'إنشاء الحساب' }).click()
  await expect(page).toHaveURL(/\/verify/)
  await page.context().clearCookies()

  await page.goto('/login')
  for (let i = 0; i < 5; i++) {
    await page.getByLabel('البريد الإلكتروني').fill(email)
    await page.getByLabel('كلمة المرور').fill(`wrong-${i}`)
    await page.getByRole('button', { name: 'دخول' }).click()
    await expect(page.getByRole('alert')).toHaveText('البريد الإلكتروني أو كلمة المرور غير صحيحة.')
  }
  // Even the right password is refused until the window has passed.
  await page.getByLabel('البريد الإلكتروني').fill(email)
  await page.getByLabel('كلمة المرور').fill('right-password-1')
  await page.getByRole('button', { name: 'دخول' }).click()
  await expect(page.getByRole('alert')).toHaveText('محاولات كثيرة. أعد المحاولة بعد 15 دقيقة.')
  await expect(page).toHaveURL(/\/login/)
})

test('an unknown email gets the same answer as a wrong password', async ({ page }) => {
  await page.goto('/login')
  await page.getByLabel('البريد الإلكتروني').fill(uniqueEmail('nobody'))
  await page.getByLabel('كلمة المرور').fill('whatever-123')
  await page.getByRole('button', { name: 'دخول' }).click()
  await expect(page.getByText('البريد الإلكتروني أو كلمة المرور غير صحيحة.')).toBeVisible()
})

test('a buyer opening a moderator page gets 403; a moderator sees it', async ({ page }) => {
  await logIn(page, 'moderateur@taswiq.dz', DEMO_PASSWORD)
  await page.goto('/moderation')
  await expect(page.getByRole('heading', { name: 'الإشراف' })).toBeVisible()
  await page.goto('/account')
  await page.getByRole('button', { name: 'تسجيل الخروج', exact: true }).click()
  await expect(page).toHaveURL('/')

  const email = uniqueEmail('buyer')
  await page.goto('/signup')
  await page.getByLabel('الاسم الكامل').fill('Yacine')
  await page.getByLabel('البريد الإلكتروني').fill(email)
  await page.getByLabel('كلمة المرور').fill('buyer-password-1')
  await page.getByRole('button', { name: 'إنشاء الحساب' }).click()
  await expect(page).toHaveURL(/\/verify/)
  const response = await page.goto('/moderation')
  expect(response?.status()).toBe(403)
  await expect(page.getByRole('heading', { name: 'غير مسموح' })).toBeVisible()
})

test('an anonymous visitor is sent to log in, then back where they were', async ({ page }) => {
  await page.goto('/moderation')
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fmoderation/)
  await page.getByLabel('البريد الإلكتروني').fill('admin@taswiq.dz')
  await page.getByLabel('كلمة المرور').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'دخول' }).click()
  await expect(page).toHaveURL(/\/moderation$/)
  await expect(page.getByRole('heading', { name: 'الإشراف' })).toBeVisible()
})

test('session cookies are HttpOnly and SameSite=Lax; an outside redirectTo is ignored', async ({ page, context }) => {
  await page.goto('/login?redirectTo=//evil.example/steal')
  await page.getByLabel('البريد الإلكتروني').fill('client@taswiq.dz')
  await page.getByLabel('كلمة المرور').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'دخول' }).click()
  await expect(page).toHaveURL('/')
  const cookie = (await context.cookies()).find((c) => c.name === 'taswiq_session')
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' })
})
