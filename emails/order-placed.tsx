import { Button, Section, Text } from '@react-email/components'
import type { Language } from '~/utils/i18n'
import { formatDzd } from '~/utils/money'
import { emailTranslator, type EmailT } from './i18n'
import { EmailLayout, emailStyles } from './layout'

export type OrderPlacedData = {
  name: string
  /** One order per shop of the checkout. */
  orders: { number: string; shopName: string; total: number }[]
  paymentMethod: 'cod' | 'card'
  /** The buyer's orders page. */
  url: string
}

export function orderPlacedSubject(t: EmailT, data: OrderPlacedData) {
  return t('orderPlaced.subject', { numbers: data.orders.map((o) => o.number).join(', ') })
}

/** To the buyer, once the checkout is confirmed (cash on delivery) or paid (card). */
export default function OrderPlacedEmail({ language, name, orders, paymentMethod, url }: OrderPlacedData & { language: Language }) {
  const t = emailTranslator(language)
  const s = emailStyles(language)
  const total = orders.reduce((sum, o) => sum + o.total, 0)
  return (
    <EmailLayout language={language} preview={t('orderPlaced.preview', { total: formatDzd(total, language) })}>
      <Text style={s.heading}>{t('orderPlaced.heading')}</Text>
      <Text style={s.paragraph}>{t('common.greeting', { name })}</Text>
      <Text style={s.paragraph}>{t('orderPlaced.intro')}</Text>
      <Section style={{ backgroundColor: '#fafaf9', border: '1px solid #e7e5e4', borderRadius: '12px', margin: '0 0 16px', padding: '12px 16px' }}>
        {orders.map((order) => (
          <Text key={order.number} style={{ ...s.paragraph, margin: '0 0 6px' }}>
            {t('orderPlaced.line', { number: order.number, shopName: order.shopName, total: formatDzd(order.total, language) })}
          </Text>
        ))}
        <Text style={{ ...s.paragraph, fontWeight: 700, margin: 0 }}>{t('orderPlaced.total', { total: formatDzd(total, language) })}</Text>
      </Section>
      <Text style={s.paragraph}>{t(paymentMethod === 'cod' ? 'orderPlaced.cod' : 'orderPlaced.card')}</Text>
      <Section style={s.buttonRow}>
        <Button href={url} style={s.button}>
          {t('orderPlaced.button')}
        </Button>
      </Section>
    </EmailLayout>
  )
}

OrderPlacedEmail.PreviewProps = {
  language: 'ar',
  name: 'سليمة',
  orders: [
    { number: 'TSQ-001001', shopName: 'فخار تاسقة', total: 420000 },
    { number: 'TSQ-001002', shopName: 'عسل الأوراس', total: 310000 },
  ],
  paymentMethod: 'cod',
  url: 'http://localhost:3000/account/orders',
} satisfies OrderPlacedData & { language: Language }
