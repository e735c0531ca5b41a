// The email templates and their subjects: loaded by the first email rendered, not at start (they
// bring @react-email/components, with tailwind, prism and marked: ~40 MB of memory; decision 023).
// email.server.ts is the way in.
import type { ReactElement } from 'react'
import type { Language } from '~/utils/i18n'
import type { EmailT } from '../../../emails/i18n'
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

export type EmailDefinition<Data> = {
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
