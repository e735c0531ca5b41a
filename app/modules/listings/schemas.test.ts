import { parseWithZod } from '@conform-to/zod/v4'
import { describe, expect, it } from 'vitest'
import { CartLineSchema } from '~/modules/cart/schemas.server'
import { ProductSchema, StockSchema } from './schemas'
import { GridSchema } from './variant-schemas'

// Whole numbers typed on an Arabic keyboard (٠١٢٣٤٥٦٧٨٩, or the Persian/Urdu ۰۱۲…) are read like
// the price beside them: the stock, the preparation days, the weekly capacity, the weight, a
// combination's stock, a cart quantity. Anything that is not a whole number is refused with the
// field's locale key, never read as something else (an exponent, a hexadecimal, a decimal).

const form = (entries: Record<string, string>) => {
  const data = new FormData()
  for (const [k, v] of Object.entries(entries)) data.set(k, v)
  return data
}
const product = { title: 'عسل السدر', description: '', categoryId: 'cat', price: '٢٥٠٠' }

describe('whole numbers in forms', () => {
  it('reads Arabic-Indic and Extended Arabic-Indic digits in every whole-number field', () => {
    const parsed = parseWithZod(form({ ...product, stock: '١٢', madeToOrderDays: '٣', capacityPerWeek: '۱۵', weightG: '٥٠٠' }), { schema: ProductSchema })
    expect(parsed.status).toBe('success')
    if (parsed.status !== 'success') return
    expect(parsed.value).toMatchObject({ price: 250_000, stock: 12, madeToOrderDays: 3, capacityPerWeek: 15, weightG: 500 })
    const quick = parseWithZod(form({ intent: 'stock', productId: 'p1', stock: '٧' }), { schema: StockSchema })
    expect(quick.status === 'success' && quick.value.stock).toBe(7)
    const grid = parseWithZod(form({ intent: 'grid', 'rows[0].id': 'v1', 'rows[0].price': '١٠٠', 'rows[0].stock': '٤' }), { schema: GridSchema })
    expect(grid.status === 'success' && grid.value.rows[0]!.stock).toBe(4)
    expect(CartLineSchema.parse({ productId: 'p1', quantity: '٢' }).quantity).toBe(2)
  })

  it('refuses what is not a whole number, with the field’s message', () => {
    for (const stock of ['1e3', '0x10', '2.5', '-1', '١٫٥', 'abc', '٣ ٤ x']) {
      const parsed = parseWithZod(form({ ...product, stock }), { schema: ProductSchema })
      expect(parsed.status, stock).toBe('error')
      expect(parsed.reply().error?.stock, stock).toEqual(['validation.number'])
    }
    const huge = parseWithZod(form({ ...product, stock: '9'.repeat(400) }), { schema: ProductSchema })
    expect(huge.reply().error?.stock).toEqual(['validation.tooBig'])
    expect(CartLineSchema.safeParse({ productId: 'p1', quantity: '1e1' }).success).toBe(false)
  })
})
