import { Button, Section, Text } from '@react-email/components'
import type { Language } from '~/utils/i18n'
import { emailTranslator, type EmailKey, type EmailT } from './i18n'
import { EmailLayout, emailStyles } from './layout'

// Kept here rather than imported from the moderation module: that module enqueues this email, and
// templates stay free of server code.
export type ListingDecisionKind = 'approve' | 'reject' | 'take_down'

export type ListingDecisionData = {
  name: string
  productTitle: string
  decision: ListingDecisionKind
  reasonCode: string | null
  reason: string | null
  /** The public listing once approved; the producer's dashboard otherwise. */
  url: string
}

export function listingDecisionSubject(t: EmailT, data: ListingDecisionData) {
  return t(`listingDecision.subject.${data.decision}`, { productTitle: data.productTitle })
}

/** The translated label of a reason code; an unknown code reads as "other" rather than as a raw key. */
function reasonLabel(t: EmailT, code: string) {
  const key = `listingDecision.reasons.${code}`
  const label = t(key as EmailKey)
  return label === key ? t('listingDecision.reasons.other') : label
}

/** A moderator's decision on a listing: approved and public, refused, or taken down after reports. */
export default function ListingDecisionEmail({ language, name, productTitle, decision, reasonCode, reason, url }: ListingDecisionData & { language: Language }) {
  const t = emailTranslator(language)
  const s = emailStyles(language)
  return (
    <EmailLayout language={language} preview={t(`listingDecision.preview.${decision}`, { productTitle })}>
      <Text style={s.heading}>{t(`listingDecision.heading.${decision}`)}</Text>
      <Text style={s.paragraph}>{t('common.greeting', { name })}</Text>
      <Text style={s.paragraph}>{t(`listingDecision.intro.${decision}`, { productTitle })}</Text>
      {reasonCode || reason ? (
        <Section style={{ backgroundColor: '#fafaf9', border: '1px solid #e7e5e4', borderRadius: '12px', margin: '0 0 16px', padding: '12px 16px' }}>
          {reasonCode ? (
            <>
              <Text style={{ ...s.muted, margin: '0 0 4px' }}>{t('listingDecision.reasonHeading')}</Text>
              <Text style={{ ...s.paragraph, fontWeight: 700, margin: reason ? '0 0 8px' : 0 }}>{reasonLabel(t, reasonCode)}</Text>
            </>
          ) : null}
          {reason ? (
            <>
              <Text style={{ ...s.muted, margin: '0 0 4px' }}>{t('listingDecision.noteHeading')}</Text>
              <Text style={{ ...s.paragraph, margin: 0, whiteSpace: 'pre-line' }}>{reason}</Text>
            </>
          ) : null}
        </Section>
      ) : null}
      <Text style={s.paragraph}>{t(`listingDecision.next.${decision}`)}</Text>
      <Section style={s.buttonRow}>
        <Button href={url} style={s.button}>
          {t(`listingDecision.button.${decision}`)}
        </Button>
      </Section>
    </EmailLayout>
  )
}

ListingDecisionEmail.PreviewProps = {
  language: 'ar',
  name: 'وردية',
  productTitle: 'طاجين الكسرة من الفخار – 35 سم',
  decision: 'reject',
  reasonCode: 'poor_photos',
  reason: 'الصور مظلمة، يُرجى تصوير المنتج في ضوء النهار.',
  url: 'http://localhost:3000/dashboard',
} satisfies ListingDecisionData & { language: Language }
