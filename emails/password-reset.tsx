import { Button, Link, Section, Text } from '@react-email/components'
import type { Language } from '~/utils/i18n'
import { emailTranslator, type EmailT } from './i18n'
import { EmailLayout, emailStyles } from './layout'

export type PasswordResetData = { name: string; resetUrl: string }

export function passwordResetSubject(t: EmailT, _data: PasswordResetData) {
  return t('passwordReset.subject')
}

/** A one-hour link to choose a new password. */
export default function PasswordResetEmail({ language, name, resetUrl }: PasswordResetData & { language: Language }) {
  const t = emailTranslator(language)
  const s = emailStyles(language)
  return (
    <EmailLayout language={language} preview={t('passwordReset.preview')}>
      <Text style={s.heading}>{t('passwordReset.heading')}</Text>
      <Text style={s.paragraph}>{t('common.greeting', { name })}</Text>
      <Text style={s.paragraph}>{t('passwordReset.intro')}</Text>
      <Section style={s.buttonRow}>
        <Button href={resetUrl} style={s.button}>
          {t('passwordReset.button')}
        </Button>
      </Section>
      <Text style={s.paragraph}>{t('passwordReset.validity')}</Text>
      <Text style={s.muted}>{t('passwordReset.fallback')}</Text>
      {/* The address is written out as well: some clients break buttons, and copying must stay possible. */}
      <Text dir="ltr" style={{ ...s.muted, textAlign: 'left' }}>
        <Link href={resetUrl} style={s.link}>
          {resetUrl}
        </Link>
      </Text>
      <Text style={s.muted}>{t('passwordReset.ignore')}</Text>
    </EmailLayout>
  )
}

PasswordResetEmail.PreviewProps = {
  language: 'ar',
  name: 'أمينة',
  resetUrl: 'http://localhost:3000/reset-password?token=example',
} satisfies PasswordResetData & { language: Language }
