import { createDocument } from 'zod-openapi'
import { ErrorSchema, PartnerQuerySchema, partnerDatasets, responseSchemas, ShopApprovedEventSchema } from './schemas'

// The OpenAPI description of the partner API, built from the schemas that validate its answers.

const summaries: Record<(typeof partnerDatasets)[number], string> = {
  shops: 'Approved shops (producers) by wilaya and producer category — only what public shop pages show',
  sales: 'Orders and sales per wilaya and month (last 12 months)',
  'payout-delays': 'Payouts paid and the median delay from request to payment, per wilaya and month',
  moderation: 'Shop applications decided, approved, and the median time to a decision, per wilaya and month',
}

let document: ReturnType<typeof createDocument> | undefined

export function partnerOpenApiDocument() {
  document ??= createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Taswiq partner API',
      version: '1.0.0',
      description:
        'Read-only figures for the ministry’s partners. Send your key as `Authorization: Bearer <key>`. Each key sees its own wilayas and datasets; calls are rate-limited per key (429 with Retry-After) and logged. Webhooks (`shop.approved`) are signed: header `X-Taswiq-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with your webhook secret>`.',
    },
    servers: [{ url: '/' }],
    components: { securitySchemes: { partnerKey: { type: 'http', scheme: 'bearer' } }, schemas: { ShopApprovedEvent: ShopApprovedEventSchema } },
    security: [{ partnerKey: [] }],
    paths: Object.fromEntries(
      partnerDatasets.map((dataset) => [
        `/api/v1/${dataset}`,
        {
          get: {
            operationId: `get_${dataset.replace('-', '_')}`,
            summary: summaries[dataset],
            requestParams: { query: dataset === 'shops' ? PartnerQuerySchema : PartnerQuerySchema.pick({ wilaya: true }) },
            responses: {
              '200': { description: 'The rows', content: { 'application/json': { schema: responseSchemas[dataset] } } },
              '401': { description: 'Missing, unknown or revoked key', content: { 'application/json': { schema: ErrorSchema } } },
              '403': { description: 'Dataset or wilaya outside the key’s scope', content: { 'application/json': { schema: ErrorSchema } } },
              '429': { description: 'Too many calls: wait the Retry-After seconds', headers: { 'Retry-After': { schema: { type: 'integer' } } }, content: { 'application/json': { schema: ErrorSchema } } },
            },
          },
        },
      ]),
    ),
  })
  return document
}
