import { z } from 'zod'
import { NameSchema, PhoneSchema } from '~/modules/accounts/schemas'

export const AddressSchema = z.object({
  fullName: NameSchema,
  phone: PhoneSchema,
  wilayaCode: z.coerce.number({ error: 'validation.required' }).int().min(1, 'validation.required').max(99),
  // Optional here so that choosing a wilaya without JavaScript can re-render the commune list.
  communeCode: z
    .string()
    .regex(/^\d{4,5}$/, 'validation.required')
    .optional(),
  street: z.string({ error: 'validation.required' }).trim().min(5, 'validation.addressTooShort').max(200, 'validation.tooLong'),
  deliveryMode: z.enum(['home', 'desk'], { error: 'validation.required' }),
})

export const ConfirmSchema = z.object({
  idempotencyKey: z.string().trim().min(10).max(64),
  paymentMethod: z.enum(['cod', 'card'], { error: 'validation.required' }),
  /** The SMS code, asked only of a buyer with 2 recent refusals paying cash on delivery. */
  codCode: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'validation.code')
    .optional(),
})

/** A producer's step on an order: the next status, and for some steps a reason or the tracking. */
export const ProducerStepSchema = z
  .object({
    to: z.enum(['confirmed', 'shipped', 'delivered', 'cancelled', 'returned'], { error: 'validation.required' }),
    note: z.string().trim().max(1000, 'validation.tooLong').optional(),
    carrier: z.string().trim().max(60, 'validation.tooLong').optional(),
    trackingNumber: z.string().trim().max(60, 'validation.tooLong').optional(),
  })
  .refine((v) => !(v.to === 'cancelled' || v.to === 'returned') || (v.note && v.note.length >= 3), { path: ['note'], message: 'validation.reasonRequired' })
