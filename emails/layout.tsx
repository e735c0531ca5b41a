import { Body, Container, Head, Hr, Html, Preview, Section, Text } from '@react-email/components'
import type { CSSProperties, ReactNode } from 'react'
import { textDirection, type Language } from '~/utils/i18n'
import { emailTranslator } from './i18n'

export const brandGreen = '#3f7a36'

const arabicFonts = "Tahoma, 'Segoe UI', 'Noto Naskh Arabic', 'Noto Sans Arabic', Arial, sans-serif"
const latinFonts = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"

/**
 * Styles that depend on the reading direction. Mail clients such as Gmail drop the `<html>` element's
 * attributes, so direction and alignment are repeated on the blocks themselves.
 */
export function emailStyles(language: Language) {
  const dir = textDirection(language)
  const align: CSSProperties['textAlign'] = dir === 'rtl' ? 'right' : 'left'
  return {
    dir,
    heading: { color: '#1c1917', fontSize: '22px', fontWeight: 700, lineHeight: '1.4', margin: '0 0 16px', textAlign: align },
    paragraph: { color: '#292524', fontSize: '16px', lineHeight: '1.7', margin: '0 0 16px', textAlign: align },
    muted: { color: '#57534e', fontSize: '14px', lineHeight: '1.6', margin: '0 0 12px', textAlign: align },
    button: {
      backgroundColor: brandGreen,
      borderRadius: '10px',
      color: '#ffffff',
      display: 'inline-block',
      fontSize: '16px',
      fontWeight: 700,
      padding: '14px 24px',
      textDecoration: 'none',
    },
    buttonRow: { margin: '8px 0 24px', textAlign: 'center' as const },
    link: { color: brandGreen, fontSize: '14px', lineHeight: '1.6', wordBreak: 'break-all' as const },
  } satisfies Record<string, unknown>
}

/** The frame shared by every email: brand header, content card, footer; readable on a 320 px phone. */
export function EmailLayout({ language, preview, children }: { language: Language; preview: string; children: ReactNode }) {
  const t = emailTranslator(language)
  const s = emailStyles(language)
  const fontFamily = language === 'ar' ? arabicFonts : latinFonts
  // The brand name is shown in both scripts, the reader's own first.
  const [brandMain, brandOther] = language === 'ar' ? ['تسويق', 'Taswiq'] : ['Taswiq', 'تسويق']
  return (
    <Html lang={language} dir={s.dir}>
      <Head>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
      </Head>
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: '#f5f5f4', fontFamily, margin: 0, padding: '16px 8px' }}>
        <Container
          dir={s.dir}
          style={{ backgroundColor: '#ffffff', borderRadius: '16px', margin: '0 auto', maxWidth: '560px', overflow: 'hidden', width: '100%' }}
        >
          <Section dir={s.dir} style={{ backgroundColor: brandGreen, padding: '20px 24px' }}>
            <Text style={{ color: '#ffffff', fontSize: '26px', fontWeight: 700, lineHeight: '1.2', margin: 0, textAlign: s.heading.textAlign }}>
              {brandMain}
              <span style={{ fontSize: '16px', fontWeight: 400, opacity: 0.85 }}> · {brandOther}</span>
            </Text>
            <Text style={{ color: '#e7f0e4', fontSize: '14px', lineHeight: '1.5', margin: '4px 0 0', textAlign: s.heading.textAlign }}>
              {t('common.tagline')}
            </Text>
          </Section>
          <Section dir={s.dir} style={{ padding: '24px' }}>
            {children}
            <Text style={{ ...s.paragraph, margin: '8px 0 0' }}>{t('common.signoff')}</Text>
          </Section>
          <Section dir={s.dir} style={{ backgroundColor: '#fafaf9', padding: '0 24px 20px' }}>
            <Hr style={{ borderColor: '#e7e5e4', margin: '0 0 16px' }} />
            <Text style={{ ...s.muted, fontSize: '12px' }}>{t('common.automated')}</Text>
            <Text style={{ ...s.muted, fontSize: '12px', margin: 0 }}>{t('common.footer')}</Text>
          </Section>
        </Container>
      </Body>
    </Html>
  )
}
