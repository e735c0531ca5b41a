import { z } from 'zod'
import { moneyField } from '~/utils/money-field'

// The delivery fees form (dashboard settings). Apart from the application's schemas: the /sell
// pages do not take money, and what they import decides the strings sent to the browser there.

/** The largest delivery fee a shop may set, in dinars. */
export const MAX_SHIPPING_FEE_DZD = 100_000

export const ShippingRatesSchema = z.object({
  rates: z
    .array(
      z.object({
        wilayaCode: z.coerce.number().int().min(1).max(99),
        // Centimes; 0 is a free delivery.
        homeFee: moneyField({ maxDzd: MAX_SHIPPING_FEE_DZD, allowZero: true }),
        deskFee: moneyField({ maxDzd: MAX_SHIPPING_FEE_DZD, allowZero: true }).optional(),
        delayDays: z.coerce.number({ error: 'validation.number' }).int('validation.number').min(0, 'validation.number').max(60, 'validation.tooBig'),
      }),
    )
    .max(100),
})
