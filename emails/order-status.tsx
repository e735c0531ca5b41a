import { Button, Section, Text } from '@react-email/components'
import type { Language } from '~/utils/i18n'
import { emailTranslator, type EmailT } from './i18n'
import { EmailLayout, emailStyles } from './layout'

export type OrderStatusKind = 'awaiting_payment' | 'pending' | 'confirmed' | 'shipped' | 'delivered' | 'cancelled' | 'returned'

export type OrderStatusData = {
  name: string
  number: string
  shopName: string
  status: OrderStatusKind
  /** The producer's or moderator's words (a cancellation's reason). */
  note: string | null
  carrier: string | null
  trackingNumber: string | null
  /** The order's page in the buyer's account. */
  url: string
}

export function orderStatusSubject(t: EmailT, data: OrderStatusData) {
  return t(`orderStatus.subject.${data.status}`, { number: data.number })
}

/** To the buyer, at each step of an order after it was placed. */
export default function OrderStatusEmail({
  language,
  name,
  number,
  shopName,
  status,
  note,
  carrier,
  trackingNumber,
  url,
}: OrderStatusData & { language: Language }) {
  const t = emailTranslator(language)
  const s = emailStyles(language)
  return (
    <EmailLayout language={language} preview={t(`orderStatus.subject.${status}`, { number })}>
      <Text style={s.heading}>{t(`orderStatus.heading.${status}`)}</Text>
      <Text style={s.paragraph}>{t('common.greeting', { name })}</Text>
      <Text style={s.paragraph}>{t(`orderStatus.intro.${status}`, { number, shopName })}</Text>
      {status === 'shipped' && (carrier || trackingNumber) ? (
        <Text style={s.paragraph}>{t('orderStatus.tracking', { carrier: carrier ?? '—', trackingNumber: trackingNumber ?? '—' })}</Text>
      ) : null}
      {note ? (
        <Section style={{ margin: '0 0 16px' }}>
          <Text style={{ ...s.muted, margin: '0 0 4px' }}>{t('orderStatus.noteHeading')}</Text>
          <Text style={{ ...s.paragraph, margin: 0, whiteSpace: 'pre-line' }}>{note}</Text>
        </Section>
      ) : null}
      <Section style={s.buttonRow}>
        <Button href={url} style={s.button}>
          {t('orderStatus.button')}
        </Button>
      </Section>
    </EmailLayout>
  )
}

OrderStatusEmail.PreviewProps = {
  language: 'ar',
  name: 'سليمة',
  number: 'TSQ-001001',
  shopName: 'فخار تاسقة',
  status: 'shipped',
  note: null,
  carrier: 'Yalidine',
  trackingNumber: 'YAL-123456',
  url: 'http://localhost:3000/account/orders/x',
} satisfies OrderStatusData & { language: Language }
