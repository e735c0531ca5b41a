import { Button, Section, Text } from '@react-email/components'
import type { Language } from '~/utils/i18n'
import { emailTranslator, type EmailKey, type EmailT } from './i18n'
import { EmailLayout, emailStyles } from './layout'

// Kept here rather than imported from the moderation module: that module enqueues this email, and
// templates stay free of server code.
export type ShopDecisionKind = 'approve' | 'reject' | 'request_changes' | 'suspend' | 'reinstate'

export type ShopDecisionData = {
  name: string
  shopName: string
  decision: ShopDecisionKind
  reasonCode: string | null
  reason: string | null
  /** The producer's dashboard, where the application is corrected or the shop managed. */
  url: string
}

export function shopDecisionSubject(t: EmailT, data: ShopDecisionData) {
  return t(`shopDecision.subject.${data.decision}`, { shopName: data.shopName })
}

/** The translated label of a reason code; an unknown code reads as "other" rather than as a raw key. */
function reasonLabel(t: EmailT, code: string) {
  const key = `shopDecision.reasons.${code}`
  const label = t(key as EmailKey)
  return label === key ? t('shopDecision.reasons.other') : label
}

/** A moderator's decision on a shop (application approved, rejected, sent back; shop suspended or reinstated). */
export default function ShopDecisionEmail({ language, name, shopName, decision, reasonCode, reason, url }: ShopDecisionData & { language: Language }) {
  const t = emailTranslator(language)
  const s = emailStyles(language)
  return (
    <EmailLayout language={language} preview={t(`shopDecision.preview.${decision}`, { shopName })}>
      <Text style={s.heading}>{t(`shopDecision.heading.${decision}`)}</Text>
      <Text style={s.paragraph}>{t('common.greeting', { name })}</Text>
      <Text style={s.paragraph}>{t(`shopDecision.intro.${decision}`, { shopName })}</Text>
      {reasonCode ? (
        <Section style={{ backgroundColor: '#fafaf9', border: '1px solid #e7e5e4', borderRadius: '12px', margin: '0 0 16px', padding: '12px 16px' }}>
          <Text style={{ ...s.muted, margin: '0 0 4px' }}>{t('shopDecision.reasonHeading')}</Text>
          <Text style={{ ...s.paragraph, fontWeight: 700, margin: reason ? '0 0 8px' : 0 }}>{reasonLabel(t, reasonCode)}</Text>
          {reason ? (
            <>
              <Text style={{ ...s.muted, margin: '0 0 4px' }}>{t('shopDecision.noteHeading')}</Text>
              <Text style={{ ...s.paragraph, margin: 0, whiteSpace: 'pre-line' }}>{reason}</Text>
            </>
          ) : null}
        </Section>
      ) : reason ? (
        <Section style={{ margin: '0 0 16px' }}>
          <Text style={{ ...s.muted, margin: '0 0 4px' }}>{t('shopDecision.noteHeading')}</Text>
          <Text style={{ ...s.paragraph, margin: 0, whiteSpace: 'pre-line' }}>{reason}</Text>
        </Section>
      ) : null}
      <Text style={s.paragraph}>{t(`shopDecision.next.${decision}`)}</Text>
      <Section style={s.buttonRow}>
        <Button href={url} style={s.button}>
          {t(`shopDecision.button.${decision}`)}
        </Button>
      </Section>
    </EmailLayout>
  )
}

ShopDecisionEmail.PreviewProps = {
  language: 'ar',
  name: 'وردية',
  shopName: 'فخار تاسقة',
  decision: 'request_changes',
  reasonCode: 'unreadable_documents',
  reason: 'صورة بطاقة الحرفي غير واضحة، يُرجى تصويرها من جديد في ضوء جيد.',
  url: 'http://localhost:3000/dashboard',
} satisfies ShopDecisionData & { language: Language }
