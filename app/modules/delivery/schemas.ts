import { z } from 'zod'

/** The producer's delivery actions on an order page (one form each, told apart by `intent`). */
export const DeliveryActionSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('cod-call'),
    outcome: z.enum(['confirmed', 'no_answer', 'cancelled'], { error: 'validation.required' }),
    note: z.string().trim().max(500, 'validation.tooLong').optional(),
  }),
  z.object({ intent: z.literal('ship-carrier'), stopDeskId: z.string().trim().max(40).optional() }),
  z.object({ intent: z.literal('retry-parcel'), noneAtCarrier: z.literal('yes').optional() }),
  // A return the buyer asked for: accept, dispute (with the producer's reason), goods received back.
  z.object({ intent: z.literal('return-accept') }),
  z.object({ intent: z.literal('return-dispute'), note: z.string({ error: 'validation.reasonRequired' }).trim().min(1, 'validation.reasonRequired').max(500, 'validation.tooLong') }),
  z.object({ intent: z.literal('return-received') }),
])

/** The buyer's return request (law 18-05): why, and what is wrong. */
export const ReturnRequestSchema = z.object({
  intent: z.literal('return'),
  reason: z.enum(['late', 'not_as_described'], { error: 'validation.required' }),
  note: z.string().trim().max(1000, 'validation.tooLong').optional(),
})

/** A moderator's decision on a disputed return. */
export const ReturnDecisionSchema = z.object({
  returnId: z.string().trim().min(1).max(64),
  decision: z.enum(['uphold', 'refuse'], { error: 'validation.required' }),
  note: z.string({ error: 'validation.reasonRequired' }).trim().min(1, 'validation.reasonRequired').max(500, 'validation.tooLong'),
})

export const CarrierSettingsSchema = z.object({
  carrier: z.enum(['own', 'yalidine', 'guepex', 'ecotrack'], { error: 'validation.required' }),
  account: z.enum(['platform', 'shop']).default('platform'),
  baseUrl: z.string().trim().max(200, 'validation.tooLong').optional(),
  apiId: z.string().trim().max(200, 'validation.tooLong').optional(),
  apiToken: z.string().trim().max(500, 'validation.tooLong').optional(),
  token: z.string().trim().max(500, 'validation.tooLong').optional(),
})

export const CodCodeSchema = z.object({ code: z.string().trim().regex(/^\d{6}$/, 'delivery.code.invalid') })

/** wa.me wants the international number without + or leading zeros: 213 and the 9 local digits. */
export const whatsappLink = (phone: string) => `https://wa.me/213${phone.replace(/\D/g, '').slice(-9)}`

/**
 * The stop-desk chosen for each shop at checkout: fields `stopDesk.<shopId>` (one select per
 * carrier shop). Anything malformed is dropped; the checkout then asks again for that shop's desk.
 */
export function readStopDeskChoices(formData: FormData): Record<string, string> {
  const choices: Record<string, string> = {}
  for (const [name, value] of formData) {
    if (!name.startsWith('stopDesk.') || typeof value !== 'string') continue
    const shopId = name.slice('stopDesk.'.length)
    const deskId = value.trim()
    if (/^[\w-]{1,64}$/.test(shopId) && /^[\w-]{1,40}$/.test(deskId)) choices[shopId] = deskId
  }
  return choices
}
