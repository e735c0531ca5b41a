import { render } from '@react-email/render'
import type { ReactElement } from 'react'
import type { DbOrTx } from '#db/client'
import { outbox } from '#db/schema'
import type { Language } from '~/utils/i18n'
import { emailTranslator, type EmailT } from '../../../emails/i18n'
import ListingDecisionEmail, { listingDecisionSubject, type ListingDecisionData } from '../../../emails/listing-decision'
import FavouriteNoticeEmail, { favouriteNoticeSubject, type FavouriteNoticeData } from '../../../emails/favourite-notice'
import MessageDigestEmail, { messageDigestSubject, type MessageDigestData } from '../../../emails/message-digest'
import OrderPlacedEmail, { orderPlacedSubject, type OrderPlacedData } from '../../../emails/order-placed'
import OrderReceivedEmail, { orderReceivedSubject, type OrderReceivedData } from '../../../emails/order-received'
import OrderStatusEmail, { orderStatusSubject, type OrderStatusData } from '../../../emails/order-status'
import ParcelStatusEmail, { CodCodeEmail, codCodeSubject, parcelStatusSubject, type CodCodeData, type ParcelStatusData } from '../../../emails/parcel-status'
import PayoutStatusEmail, { payoutStatusSubject, type PayoutStatusData } from '../../../emails/payout-status'
import PasswordResetEmail, { passwordResetSubject, type PasswordResetData } from '../../../emails/password-reset'
import SignupAttemptEmail, { signupAttemptSubject, type SignupAttemptData } from '../../../emails/signup-attempt'
import ShopDecisionEmail, { shopDecisionSubject, type ShopDecisionData } from '../../../emails/shop-decision'
import VerificationCodeEmail, { verificationCodeSubject, type VerificationCodeData } from '../../../emails/verification-code'
import WelcomeEmail, { welcomeSubject, type WelcomeData } from '../../../emails/welcome'

type EmailDefinition<Data> = {
  template: (props: Data & { language: Language }) => ReactElement
  subject: (t: EmailT, data: Data) => string
}

// Ties a template to its data type once, so the registry below cannot pair the wrong ones.
const defineEmail = <Data>(definition: EmailDefinition<Data>) => definition

/**
 * Every email the platform sends. A new kind is a template file in `emails/`, its strings in
 * `app/locales/emails/*.json`, and one line here; callers get its data type from the kind.
 */
export const emailKinds = {
  verification_code: defineEmail<VerificationCodeData>({ template: VerificationCodeEmail, subject: verificationCodeSubject }),
  password_reset: defineEmail<PasswordResetData>({ template: PasswordResetEmail, subject: passwordResetSubject }),
  signup_attempt: defineEmail<SignupAttemptData>({ template: SignupAttemptEmail, subject: signupAttemptSubject }),
  welcome: defineEmail<WelcomeData>({ template: WelcomeEmail, subject: welcomeSubject }),
  shop_decision: defineEmail<ShopDecisionData>({ template: ShopDecisionEmail, subject: shopDecisionSubject }),
  listing_decision: defineEmail<ListingDecisionData>({ template: ListingDecisionEmail, subject: listingDecisionSubject }),
  order_placed: defineEmail<OrderPlacedData>({ template: OrderPlacedEmail, subject: orderPlacedSubject }),
  order_received: defineEmail<OrderReceivedData>({ template: OrderReceivedEmail, subject: orderReceivedSubject }),
  order_status: defineEmail<OrderStatusData>({ template: OrderStatusEmail, subject: orderStatusSubject }),
  payout_status: defineEmail<PayoutStatusData>({ template: PayoutStatusEmail, subject: payoutStatusSubject }),
  parcel_status: defineEmail<ParcelStatusData>({ template: ParcelStatusEmail, subject: parcelStatusSubject }),
  cod_code: defineEmail<CodCodeData>({ template: CodCodeEmail, subject: codCodeSubject }),
  favourite_notice: defineEmail<FavouriteNoticeData>({ template: FavouriteNoticeEmail, subject: favouriteNoticeSubject }),
  message_digest: defineEmail<MessageDigestData>({ template: MessageDigestEmail, subject: messageDigestSubject }),
}

export type EmailKind = keyof typeof emailKinds
export type EmailData<K extends EmailKind> = (typeof emailKinds)[K] extends EmailDefinition<infer Data> ? Data : never
export type RenderedEmail = { subject: string; html: string; text: string }

export async function renderEmail<K extends EmailKind>(kind: K, language: Language, data: EmailData<K>): Promise<RenderedEmail> {
  // The registry's pairing is checked where it is written; here one kind's data is as good as another's.
  const definition = emailKinds[kind] as unknown as EmailDefinition<object>
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
