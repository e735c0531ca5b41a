import { z } from 'zod'

export const ReviewSchema = z.object({
  orderItemId: z.string().trim().min(1).max(64),
  rating: z.coerce.number({ error: 'validation.required' }).int().min(1, 'validation.required').max(5, 'validation.required'),
  body: z.string().trim().max(2000, 'validation.tooLong').optional(),
})

export const ReplySchema = z.object({
  reviewId: z.string().trim().min(1).max(64),
  reply: z.string({ error: 'validation.required' }).trim().min(2, 'validation.required').max(1000, 'validation.tooLong'),
})
