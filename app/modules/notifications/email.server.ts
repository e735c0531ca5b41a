import type { DbOrTx } from '#db/client'
import { outbox } from '#db/schema'
import type { Language } from '~/utils/i18n'
import { emailTranslator } from '../../../emails/i18n'
import type * as EmailTemplates from './email-templates.server'
import type { EmailDefinition, emailKinds } from './email-templates.server'

// The templates (and React Email's renderer) are imported by the first email, not at start: a
// server renders pages far more often than emails (decision 023, "Memory").
let templates: Promise<typeof EmailTemplates> | undefined
const loadTemplates = () => (templates ??= import('./email-templates.server'))

export type EmailKind = keyof typeof emailKinds
export type EmailData<K extends EmailKind> = (typeof emailKinds)[K] extends EmailDefinition<infer Data> ? Data : never
export type RenderedEmail = { subject: string; html: string; text: string }

export async function renderEmail<K extends EmailKind>(kind: K, language: Language, data: EmailData<K>): Promise<RenderedEmail> {
  // The registry's pairing is checked where it is written; here one kind's data is as good as another's.
  const [{ emailKinds: kinds }, { render }] = await Promise.all([loadTemplates(), import('@react-email/render')])
  const definition = kinds[kind] as unknown as EmailDefinition<object>
  const props = data as object
  const element = definition.template({ ...props, language })
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })])
  return { subject: definition.subject(emailTranslator(language), props), html, text }
}

/** `to` is null for an account without an email (signed up by phone, decision 016): nothing is queued. */
export type EmailMessage<K extends EmailKind = EmailKind> = { to: string | null; kind: K; language: Language; data: EmailData<K> }

/**
 * Queues an email in the caller's transaction: it leaves only if that transaction commits, and the
 * worker sends it afterwards. Rendered now, so the outbox row is exactly what the reader will get.
 * Returns the outbox row id, or null when the reader has no email address (nothing is queued).
 */
export async function enqueueEmail<K extends EmailKind>(db: DbOrTx, message: EmailMessage<K> & { to: string }): Promise<string>
export async function enqueueEmail<K extends EmailKind>(db: DbOrTx, message: EmailMessage<K>): Promise<string | null>
export async function enqueueEmail<K extends EmailKind>(db: DbOrTx, message: EmailMessage<K>): Promise<string | null> {
  const { to, kind, language, data } = message
  if (!to) return null
  const rendered = await renderEmail(kind, language, data)
  const [row] = await db
    .insert(outbox)
    .values({ kind, toAddress: to, ...rendered, payload: { language, data } })
    .returning({ id: outbox.id })
  if (!row) throw new Error('outbox insert returned no row')
  return row.id
}
