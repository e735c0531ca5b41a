import { Button, Section, Text } from '@react-email/components'
import type { Language } from '~/utils/i18n'
import { emailTranslator, type EmailT } from './i18n'
import { EmailLayout, emailStyles } from './layout'

export type MessageDigestData = {
  name: string
  total: number
  conversations: { otherName: string; unread: number; url: string }[]
}

export function messageDigestSubject(t: EmailT, data: MessageDigestData) {
  return t('messageDigest.subject', { count: data.total })
}

/** One email for all of a person's unread messages since the last one (the digest job), never one per message. */
export default function MessageDigestEmail({ language, name, total, conversations }: MessageDigestData & { language: Language }) {
  const t = emailTranslator(language)
  const s = emailStyles(language)
  return (
    <EmailLayout language={language} preview={t('messageDigest.subject', { count: total })}>
      <Text style={s.heading}>{t('messageDigest.heading')}</Text>
      <Text style={s.paragraph}>{t('common.greeting', { name })}</Text>
      <Text style={s.paragraph}>{t('messageDigest.intro', { count: total })}</Text>
      {conversations.map((c) => (
        <Section key={c.url} style={{ margin: '0 0 12px' }}>
          <Text style={{ ...s.paragraph, margin: '0 0 4px' }}>{t('messageDigest.line', { name: c.otherName, count: c.unread })}</Text>
          <Button href={c.url} style={s.button}>
            {t('messageDigest.button')}
          </Button>
        </Section>
      ))}
    </EmailLayout>
  )
}

MessageDigestEmail.PreviewProps = {
  language: 'ar',
  name: 'سليمة',
  total: 3,
  conversations: [{ otherName: 'فخار تاسقة', unread: 3, url: 'http://localhost:3000/account/messages/x' }],
} satisfies MessageDigestData & { language: Language }
