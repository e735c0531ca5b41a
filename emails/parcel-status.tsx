import { Button, Section, Text } from '@react-email/components'
import type { Language } from '~/utils/i18n'
import { emailTranslator, type EmailT } from './i18n'
import { EmailLayout, emailStyles } from './layout'

export type ParcelStep = 'picked_up' | 'in_transit' | 'out_for_delivery'

export type ParcelStatusData = {
  name: string
  number: string
  shopName: string
  step: ParcelStep
  carrier: string
  trackingNumber: string
  /** The order's page in the buyer's account. */
  url: string
}

export function parcelStatusSubject(t: EmailT, data: ParcelStatusData) {
  return t(`parcelStatus.subject.${data.step}`, { number: data.number })
}

/** To the buyer, at each step the carrier reports between shipping and delivery. */
export default function ParcelStatusEmail({ language, name, number, shopName, step, carrier, trackingNumber, url }: ParcelStatusData & { language: Language }) {
  const t = emailTranslator(language)
  const s = emailStyles(language)
  return (
    <EmailLayout language={language} preview={t(`parcelStatus.subject.${step}`, { number })}>
      <Text style={s.heading}>{t(`parcelStatus.heading.${step}`)}</Text>
      <Text style={s.paragraph}>{t('common.greeting', { name })}</Text>
      <Text style={s.paragraph}>{t(`parcelStatus.intro.${step}`, { number, shopName })}</Text>
      <Text style={s.paragraph}>{t('orderStatus.tracking', { carrier, trackingNumber })}</Text>
      <Section style={s.buttonRow}>
        <Button href={url} style={s.button}>
          {t('orderStatus.button')}
        </Button>
      </Section>
    </EmailLayout>
  )
}

export type CodCodeData = { name: string; code: string }

export function codCodeSubject(t: EmailT, _data: CodCodeData) {
  return t('codCode.subject')
}

/** The code a buyer with repeated refusals types to confirm a new cash-on-delivery order. */
export function CodCodeEmail({ language, name, code }: CodCodeData & { language: Language }) {
  const t = emailTranslator(language)
  const s = emailStyles(language)
  return (
    <EmailLayout language={language} preview={t('codCode.subject')}>
      <Text style={s.heading}>{t('codCode.heading')}</Text>
      <Text style={s.paragraph}>{t('common.greeting', { name })}</Text>
      <Text style={s.paragraph}>{t('codCode.intro')}</Text>
      <Text style={{ ...s.heading, letterSpacing: '6px' }} dir="ltr">
        {code}
      </Text>
      <Text style={s.muted}>{t('codCode.validity')}</Text>
    </EmailLayout>
  )
}

ParcelStatusEmail.PreviewProps = {
  language: 'ar',
  name: 'سليمة',
  number: 'TSQ-001001',
  shopName: 'فخار تاسقة',
  step: 'out_for_delivery',
  carrier: 'Yalidine',
  trackingNumber: 'yal-123456',
  url: 'http://localhost:3000/account/orders/x',
} satisfies ParcelStatusData & { language: Language }
