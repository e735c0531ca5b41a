import { Section, Text } from '@react-email/components'
import type { Language } from '~/utils/i18n'
import { emailTranslator, type EmailT } from './i18n'
import { brandGreen, EmailLayout, emailStyles } from './layout'

export type VerificationCodeData = { name: string; code: string }

export function verificationCodeSubject(t: EmailT, _data: VerificationCodeData) {
  return t('verificationCode.subject')
}

/** The 6-digit code that confirms a new account's email address (valid 15 minutes). */
export default function VerificationCodeEmail({ language, name, code }: VerificationCodeData & { language: Language }) {
  const t = emailTranslator(language)
  const s = emailStyles(language)
  return (
    <EmailLayout language={language} preview={t('verificationCode.preview', { code })}>
      <Text style={s.heading}>{t('verificationCode.heading')}</Text>
      <Text style={s.paragraph}>{t('common.greeting', { name })}</Text>
      <Text style={s.paragraph}>{t('verificationCode.intro')}</Text>
      <Section style={{ backgroundColor: '#eef5ec', borderRadius: '12px', margin: '0 0 20px', padding: '16px 8px' }}>
        {/* Digits always read left to right, also inside an Arabic sentence. */}
        <Text
          dir="ltr"
          style={{
            color: brandGreen,
            fontFamily: "'Courier New', Courier, monospace",
            fontSize: '34px',
            fontWeight: 700,
            letterSpacing: '8px',
            lineHeight: '1.2',
            margin: 0,
            textAlign: 'center',
          }}
        >
          {code}
        </Text>
      </Section>
      <Text style={s.paragraph}>{t('verificationCode.validity')}</Text>
      <Text style={s.muted}>{t('verificationCode.neverShare')}</Text>
      <Text style={s.muted}>{t('verificationCode.ignore')}</Text>
    </EmailLayout>
  )
}

VerificationCodeEmail.PreviewProps = { language: 'ar', name: 'أمينة', code: '482913' } satisfies VerificationCodeData & {
  language: Language
}
