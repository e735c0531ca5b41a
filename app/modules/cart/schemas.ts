import { z } from 'zod'
import { MAX_LINE_QUANTITY } from './limits'

export const CartLineSchema = z.object({
  productId: z.string().trim().min(1).max(64),
  quantity: z.coerce.number().int().min(0).max(MAX_LINE_QUANTITY).default(1),
})
