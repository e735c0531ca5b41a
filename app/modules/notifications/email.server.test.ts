import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { outbox } from '#db/schema'
import ar from '~/locales/emails/ar.json'
import en from '~/locales/emails/en.json'
import fr from '~/locales/emails/fr.json'
import { createTestDatabase, type TestDatabase } from '../../../tests/support/db'
import { enqueueEmail, renderEmail } from './email.server'

let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase()
})
afterAll(async () => {
  await t?.close()
})

const locales = { ar, fr, en }
const arabicLetters = /[\u0600-\u06ff]{3,}/
const languages = ['ar', 'fr', 'en'] as const
const resetUrl = 'https://taswiq.test/reset-password?token=k3n7q9xw2m'
const siteUrl = 'https://taswiq.test/'

describe('renderEmail', () => {
  it.each(languages)('renders the verification code in %s', async (language) => {
    const email = await renderEmail('verification_code', language, { name: 'Amina', code: '048213' })
    expect(email.subject).toBe(locales[language].verificationCode.subject)
    expect(email.html).toContain('048213')
    expect(email.text).toMatch(/(^|\s)048213(\s|$)/)
    expect(email.text).toContain(locales[language].verificationCode.validity)
    expectFrame(email.html, language)
  })

  it.each(languages)('renders the password reset link in %s', async (language) => {
    const email = await renderEmail('password_reset', language, { name: 'Amina', resetUrl })
    expect(email.subject).toBe(locales[language].passwordReset.subject)
    expect(email.html).toContain(`href="${resetUrl}"`)
    expect(email.text).toContain(resetUrl)
    expect(email.text).toContain(locales[language].passwordReset.ignore)
    expectFrame(email.html, language)
  })

  it.each(languages)('renders the welcome email in %s', async (language) => {
    const email = await renderEmail('welcome', language, { name: 'Karim', siteUrl })
    expect(email.subject).toBe(locales[language].welcome.subject.replace('{{name}}', 'Karim'))
    expect(email.html).toContain(`href="${siteUrl}"`)
    expect(email.text).toContain('Karim')
    expectFrame(email.html, language)
  })

  const decisions = ['approve', 'reject', 'request_changes', 'suspend', 'reinstate'] as const
  const dashboardUrl = 'https://taswiq.test/dashboard'

  it.each(languages)('renders every shop decision in %s, with the reason label and the moderator\'s words', async (language) => {
    const strings = locales[language].shopDecision
    for (const decision of decisions) {
      const withReason = decision === 'reject' || decision === 'request_changes' || decision === 'suspend'
      const reasonCode = decision === 'suspend' ? 'complaints' : withReason ? 'unreadable_documents' : null
      const reason = withReason ? 'صورة البطاقة غير واضحة' : null
      const email = await renderEmail('shop_decision', language, { name: 'Ouardia', shopName: 'فخار تاسقة', decision, reasonCode, reason, url: dashboardUrl })
      expect(email.subject).toBe(strings.subject[decision].replace('{{shopName}}', 'فخار تاسقة'))
      expect(email.html).toContain(`href="${dashboardUrl}"`)
      expect(email.text).toContain(strings.button[decision])
      expect(email.text).toContain('Ouardia')
      if (reasonCode) {
        expect(email.text).toContain(strings.reasons[reasonCode])
        expect(email.text).toContain('صورة البطاقة غير واضحة')
      } else {
        expect(email.text).not.toContain(strings.reasonHeading)
      }
      expectFrame(email.html, language)
    }
  })

  it('labels an unknown reason code as "other" rather than showing a raw key', async () => {
    const email = await renderEmail('shop_decision', 'en', {
      name: 'Ouardia',
      shopName: 'Tasga pottery',
      decision: 'reject',
      reasonCode: 'no_such_code',
      reason: null,
      url: dashboardUrl,
    })
    expect(email.text).toContain(en.shopDecision.reasons.other)
    expect(email.text).not.toContain('shopDecision.reasons')
  })

  it('every reason code the moderators can pick has a label in each language', () => {
    const codes = [
      'incomplete_documents',
      'unreadable_documents',
      'ineligible_activity',
      'invalid_legal_numbers',
      'invalid_payout_account',
      'duplicate_application',
      'other',
      'complaints',
      'prohibited_products',
      'fraud_suspicion',
      'inactive',
    ]
    for (const language of languages) expect(Object.keys(locales[language].shopDecision.reasons).sort()).toEqual([...codes].sort())
  })

  it('escapes what the reader typed', async () => {
    const email = await renderEmail('welcome', 'fr', { name: '<script>alert(1)</script>', siteUrl })
    expect(email.html).not.toContain('<script>alert(1)</script>')
    expect(email.html).toContain('&lt;script&gt;')
  })

  it('escapes a shop name and a moderator\'s note', async () => {
    const email = await renderEmail('shop_decision', 'ar', {
      name: 'Ouardia',
      shopName: '<img src=x onerror=alert(1)>',
      decision: 'reject',
      reasonCode: 'other',
      reason: '<b>bold</b>',
      url: 'https://taswiq.test/dashboard',
    })
    expect(email.html).not.toContain('<img src=x')
    expect(email.html).not.toContain('<b>bold</b>')
    expect(email.html).toContain('&lt;b&gt;bold&lt;/b&gt;')
  })
})

function expectFrame(html: string, language: (typeof languages)[number]) {
  const dir = language === 'ar' ? 'rtl' : 'ltr'
  expect(html).toMatch(new RegExp(`<html[^>]*dir="${dir}"`))
  expect(html).toMatch(new RegExp(`<html[^>]*lang="${language}"`))
  expect(html).toContain('#3f7a36')
  expect(html).toContain('name="viewport"')
  if (language === 'ar') {
    expect(html).toMatch(arabicLetters)
    expect(html).toContain('تسويق')
  } else {
    expect(html).toContain('Taswiq')
  }
}

describe('enqueueEmail', () => {
  it('writes nothing when the surrounding transaction rolls back', async () => {
    const to = 'rollback@test.taswiq.dz'
    await expect(
      t.db.transaction(async (tx) => {
        await enqueueEmail(tx, { to, kind: 'verification_code', language: 'ar', data: { name: 'أمينة', code: '111222' } })
        throw new Error('the change that caused the email failed')
      }),
    ).rejects.toThrow('the change that caused the email failed')
    expect(await t.db.select().from(outbox).where(eq(outbox.toAddress, to))).toEqual([])
  })

  it('writes exactly one rendered, due row', async () => {
    const to = 'one-row@test.taswiq.dz'
    const before = Date.now()
    const id = await t.db.transaction((tx) =>
      enqueueEmail(tx, { to, kind: 'password_reset', language: 'fr', data: { name: 'Amina', resetUrl } }),
    )
    const rows = await t.db.select().from(outbox).where(eq(outbox.toAddress, to))
    expect(rows).toHaveLength(1)
    const [row] = rows
    expect(row).toMatchObject({
      id,
      kind: 'password_reset',
      subject: fr.passwordReset.subject,
      payload: { language: 'fr', data: { name: 'Amina', resetUrl } },
      attempts: 0,
      sentAt: null,
      failedAt: null,
      lastError: null,
    })
    expect(row!.html).toContain(resetUrl)
    expect(row!.text).toContain(resetUrl)
    expect(row!.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now())
    expect(row!.nextAttemptAt.getTime()).toBeGreaterThan(before - 60_000)
  })

  it('works on a plain handle too (its own implicit transaction)', async () => {
    const to = 'plain@test.taswiq.dz'
    await enqueueEmail(t.db, { to, kind: 'welcome', language: 'en', data: { name: 'Karim', siteUrl } })
    expect(await t.db.select({ id: outbox.id }).from(outbox).where(eq(outbox.toAddress, to))).toHaveLength(1)
  })
})
