import { Button, Section, Text } from '@react-email/components'
import type { Language } from '~/utils/i18n'
import { formatDzd } from '~/utils/money'
import { emailTranslator, type EmailT } from './i18n'
import { EmailLayout, emailStyles } from './layout'

export type OrderReceivedData = {
  name: string
  number: string
  total: number
  paymentMethod: 'cod' | 'card'
  /** The order in the producer's dashboard. */
  url: string
}

export function orderReceivedSubject(t: EmailT, data: OrderReceivedData) {
  return t('orderReceived.subject', { number: data.number })
}

/** To the producer, for each new order of their shop. */
export default function OrderReceivedEmail({ language, name, number, total, paymentMethod, url }: OrderReceivedData & { language: Language }) {
  const t = emailTranslator(language)
  const s = emailStyles(language)
  return (
    <EmailLayout language={language} preview={t('orderReceived.preview', { number, total: formatDzd(total, language) })}>
      <Text style={s.heading}>{t('orderReceived.heading')}</Text>
      <Text style={s.paragraph}>{t('common.greeting', { name })}</Text>
      <Text style={s.paragraph}>{t('orderReceived.intro', { number, total: formatDzd(total, language) })}</Text>
      <Text style={s.paragraph}>{t(paymentMethod === 'cod' ? 'orderReceived.cod' : 'orderReceived.card')}</Text>
      <Section style={s.buttonRow}>
        <Button href={url} style={s.button}>
          {t('orderReceived.button')}
        </Button>
      </Section>
    </EmailLayout>
  )
}

OrderReceivedEmail.PreviewProps = {
  language: 'ar',
  name: 'وردية',
  number: 'TSQ-001001',
  total: 420000,
  paymentMethod: 'cod',
  url: 'http://localhost:3000/dashboard/orders/x',
} satisfies OrderReceivedData & { language: Language }
