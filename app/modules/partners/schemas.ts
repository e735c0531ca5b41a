import { z } from 'zod'

// The partner API's responses (issue 22, decision 021). The same schemas validate every answer
// before it leaves (`respond` in api.server.ts) and describe it in the OpenAPI document served at
// /api/docs (openapi.server.ts, through zod-openapi): the description cannot drift from the data.

export const partnerDatasets = ['shops', 'sales', 'payout-delays', 'moderation'] as const
export type PartnerDataset = (typeof partnerDatasets)[number]

const wilayaCode = z.number().int().min(1).max(58).meta({ description: 'Official wilaya code (1–58)' })
const month = z.string().regex(/^\d{4}-\d{2}$/).meta({ description: 'Calendar month, Algiers time (YYYY-MM)', example: '2026-11' })
const producerCategory = z.enum(['productive_family', 'rural_woman', 'artisan', 'cooperative'])

export const ShopRowSchema = z
  .object({
    slug: z.string().meta({ description: 'The public shop page is /s/{slug}' }),
    name: z.string(),
    wilayaCode,
    communeCode: z.string(),
    producerCategory,
    productCount: z.number().int().min(0).meta({ description: 'Products on sale now' }),
  })
  .meta({ id: 'Shop', description: 'An approved shop, with only what its public page shows' })

export const SalesRowSchema = z
  .object({ wilayaCode, month, orders: z.number().int().min(0), salesCentimes: z.number().int().min(0).meta({ description: 'Items sold, in centimes of DZD (1 DZD = 100)' }) })
  .meta({ id: 'SalesAggregate' })

export const PayoutDelayRowSchema = z
  .object({ wilayaCode, month, payouts: z.number().int().min(0), medianHours: z.number().min(0).nullable().meta({ description: 'Median hours from request to payment' }) })
  .meta({ id: 'PayoutDelay' })

export const ModerationRowSchema = z
  .object({ wilayaCode, month, decided: z.number().int().min(0), approved: z.number().int().min(0), medianHours: z.number().min(0).nullable().meta({ description: 'Median hours from application to decision' }) })
  .meta({ id: 'ModerationThroughput' })

const page = <T extends z.ZodType>(row: T, id: string) =>
  z.object({ dataset: z.enum(partnerDatasets), wilayas: z.array(wilayaCode).meta({ description: 'The wilayas these rows cover (the key’s scope, or the one asked for)' }), data: z.array(row) }).meta({ id })

export const responseSchemas = {
  shops: page(ShopRowSchema, 'ShopsResponse'),
  sales: page(SalesRowSchema, 'SalesResponse'),
  'payout-delays': page(PayoutDelayRowSchema, 'PayoutDelaysResponse'),
  moderation: page(ModerationRowSchema, 'ModerationResponse'),
} satisfies Record<PartnerDataset, z.ZodType>

export const ErrorSchema = z.object({ error: z.string() }).meta({ id: 'Error' })

/** The query every dataset accepts: one wilaya of the key's scope (default: all of them). */
export const PartnerQuerySchema = z.object({
  wilaya: z.coerce.number().int().min(1).max(58).optional().meta({ description: 'Only this wilaya (must be in the key’s scope)' }),
  category: producerCategory.optional().meta({ description: 'Shops only: this producer category' }),
})

/** What partners receive on their webhook URL when a shop of their wilayas is approved. */
export const ShopApprovedEventSchema = z
  .object({ event: z.literal('shop.approved'), occurredAt: z.string(), shop: ShopRowSchema.omit({ productCount: true }) })
  .meta({ id: 'ShopApprovedEvent' })
