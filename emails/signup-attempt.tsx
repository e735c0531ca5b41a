import { Button, Link, Section, Text } from '@react-email/components'
import type { Language } from '~/utils/i18n'
import { emailTranslator, type EmailT } from './i18n'
import { EmailLayout, emailStyles } from './layout'

export type SignupAttemptData = { name: string; loginUrl: string; resetUrl: string }

export function signupAttemptSubject(t: EmailT, _data: SignupAttemptData) {
  return t('signupAttempt.subject')
}

/**
 * Sent to an account's owner when someone signs up with its address: the sign-up page answers as
 * for a new address (it must not tell who has an account), so the owner hears of it here.
 */
export default function SignupAttemptEmail({ language, name, loginUrl, resetUrl }: SignupAttemptData & { language: Language }) {
  const t = emailTranslator(language)
  const s = emailStyles(language)
  return (
    <EmailLayout language={language} preview={t('signupAttempt.preview')}>
      <Text style={s.heading}>{t('signupAttempt.heading')}</Text>
      <Text style={s.paragraph}>{t('common.greeting', { name })}</Text>
      <Text style={s.paragraph}>{t('signupAttempt.intro')}</Text>
      <Text style={s.paragraph}>{t('signupAttempt.ifYou')}</Text>
      <Section style={s.buttonRow}>
        <Button href={loginUrl} style={s.button}>
          {t('signupAttempt.login')}
        </Button>
      </Section>
      <Text style={s.paragraph}>{t('signupAttempt.forgot')}</Text>
      <Text dir="ltr" style={{ ...s.muted, textAlign: 'left' }}>
        <Link href={resetUrl} style={s.link}>
          {resetUrl}
        </Link>
      </Text>
      <Text style={s.muted}>{t('signupAttempt.ignore')}</Text>
    </EmailLayout>
  )
}

SignupAttemptEmail.PreviewProps = {
  language: 'ar',
  name: 'أمينة',
  loginUrl: 'http://localhost:3000/login',
  resetUrl: 'http://localhost:3000/forgot-password',
} satisfies SignupAttemptData & { language: Language }
