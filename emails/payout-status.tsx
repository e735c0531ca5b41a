import { Button, Section, Text } from '@react-email/components'
import { formatDzd } from '~/utils/money'
import type { Language } from '~/utils/i18n'
import { emailTranslator, type EmailT } from './i18n'
import { EmailLayout, emailStyles } from './layout'

export type PayoutStatusData = {
  name: string
  shopName: string
  status: 'requested' | 'paid' | 'failed'
  /** Centimes. */
  amount: number
  method: 'ccp' | 'rip'
  account: string
  /** The transfer's reference (paid). */
  reference: string | null
  /** Why the transfer failed. */
  reason: string | null
  /** The producer's payouts page. */
  url: string
}

export function payoutStatusSubject(t: EmailT, data: PayoutStatusData & { language?: Language }) {
  return t(`payoutStatus.subject.${data.status}`, { shopName: data.shopName })
}

/** To the producer: their payout request was received, paid, or failed. */
export default function PayoutStatusEmail({
  language,
  name,
  shopName,
  status,
  amount,
  method,
  account,
  reference,
  reason,
  url,
}: PayoutStatusData & { language: Language }) {
  const t = emailTranslator(language)
  const s = emailStyles(language)
  const values = { amount: formatDzd(amount, language), shopName, method: method.toUpperCase(), account }
  return (
    <EmailLayout language={language} preview={t(`payoutStatus.subject.${status}`, { shopName })}>
      <Text style={s.heading}>{t(`payoutStatus.heading.${status}`)}</Text>
      <Text style={s.paragraph}>{t('common.greeting', { name })}</Text>
      <Text style={s.paragraph}>{t(`payoutStatus.intro.${status}`, values)}</Text>
      {reference ? <Text style={s.paragraph}>{t('payoutStatus.reference', { reference })}</Text> : null}
      {reason ? (
        <Section style={{ margin: '0 0 16px' }}>
          <Text style={{ ...s.muted, margin: '0 0 4px' }}>{t('payoutStatus.reasonHeading')}</Text>
          <Text style={{ ...s.paragraph, margin: 0, whiteSpace: 'pre-line' }}>{reason}</Text>
        </Section>
      ) : null}
      <Section style={s.buttonRow}>
        <Button href={url} style={s.button}>
          {t('payoutStatus.button')}
        </Button>
      </Section>
    </EmailLayout>
  )
}

PayoutStatusEmail.PreviewProps = {
  language: 'ar',
  name: 'سعاد',
  shopName: 'كسكس دار الجدة',
  status: 'paid',
  amount: 1_250_000,
  method: 'ccp',
  account: '0012345678 90',
  reference: 'AP-2026-000123',
  reason: null,
  url: 'http://localhost:3000/dashboard/payouts',
} satisfies PayoutStatusData & { language: Language }
