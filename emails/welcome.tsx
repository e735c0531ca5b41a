import { Button, Section, Text } from '@react-email/components'
import type { Language } from '~/utils/i18n'
import { emailTranslator, type EmailT } from './i18n'
import { EmailLayout, emailStyles } from './layout'

export type WelcomeData = { name: string; siteUrl: string }

export function welcomeSubject(t: EmailT, data: WelcomeData) {
  return t('welcome.subject', { name: data.name })
}

/** Sent once the email address is verified. */
export default function WelcomeEmail({ language, name, siteUrl }: WelcomeData & { language: Language }) {
  const t = emailTranslator(language)
  const s = emailStyles(language)
  return (
    <EmailLayout language={language} preview={t('welcome.preview')}>
      <Text style={s.heading}>{t('welcome.heading')}</Text>
      <Text style={s.paragraph}>{t('common.greeting', { name })}</Text>
      <Text style={s.paragraph}>{t('welcome.intro')}</Text>
      <Text style={s.paragraph}>{t('welcome.body')}</Text>
      <Section style={s.buttonRow}>
        <Button href={siteUrl} style={s.button}>
          {t('welcome.button')}
        </Button>
      </Section>
      <Text style={s.muted}>{t('welcome.producer')}</Text>
    </EmailLayout>
  )
}

WelcomeEmail.PreviewProps = { language: 'ar', name: 'أمينة', siteUrl: 'http://localhost:3000' } satisfies WelcomeData & {
  language: Language
}
