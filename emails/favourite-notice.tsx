import { Button, Section, Text } from '@react-email/components'
import type { Language } from '~/utils/i18n'
import { formatDzd } from '~/utils/money'
import { emailTranslator, type EmailT } from './i18n'
import { EmailLayout, emailStyles } from './layout'

export type FavouriteNoticeData = {
  name: string
  event: 'back_in_stock' | 'price_drop' | 'back_in_season'
  title: string
  /** Centimes. */
  price: number
  oldPrice: number
  url: string
}

export function favouriteNoticeSubject(t: EmailT, data: FavouriteNoticeData) {
  return t(`favouriteNotice.subject.${data.event}`, { title: data.title })
}

/** To a buyer, once per favourite and event: it is back in stock, or its price dropped. */
export default function FavouriteNoticeEmail({ language, name, event, title, price, oldPrice, url }: FavouriteNoticeData & { language: Language }) {
  const t = emailTranslator(language)
  const s = emailStyles(language)
  return (
    <EmailLayout language={language} preview={t(`favouriteNotice.subject.${event}`, { title })}>
      <Text style={s.heading}>{t(`favouriteNotice.subject.${event}`, { title })}</Text>
      <Text style={s.paragraph}>{t('common.greeting', { name })}</Text>
      <Text style={s.paragraph}>
        {t(`favouriteNotice.intro.${event}`, { title, price: formatDzd(price, language), oldPrice: formatDzd(oldPrice, language) })}
      </Text>
      <Section style={s.buttonRow}>
        <Button href={url} style={s.button}>
          {t('favouriteNotice.button')}
        </Button>
      </Section>
    </EmailLayout>
  )
}

FavouriteNoticeEmail.PreviewProps = {
  language: 'ar',
  name: 'سليمة',
  event: 'back_in_stock',
  title: 'ماء الورد المقطر',
  price: 90_000,
  oldPrice: 90_000,
  url: 'http://localhost:3000/p/x',
} satisfies FavouriteNoticeData & { language: Language }
