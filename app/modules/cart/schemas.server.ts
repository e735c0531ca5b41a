// Read on the server only: the cart action turns a refused line into a toast (cart.invalid), so
// these errors never reach the page and the cart page is not sent the validation strings.
import { z } from 'zod'
import { wholeNumberField } from '~/utils/number-field'
import { MAX_LINE_QUANTITY } from './limits'

export const CartLineSchema = z.object({
  productId: z.string().trim().min(1).max(64),
  /** The chosen combination of a product with options (the picker's radio group); absent otherwise. */
  variantId: z.string().trim().max(64).optional(),
  quantity: wholeNumberField({ max: MAX_LINE_QUANTITY }).default(1),
})
