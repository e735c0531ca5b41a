import { and, asc, eq } from 'drizzle-orm'
import type { Db } from '#db/client'
import { checkouts, payments } from '#db/schema'
import { algeriaDayStart } from '~/utils/dates'
import { applyPaymentEvent, openIssue, refundOrQueue } from './payments.server'
import type { PaymentProviders } from './providers.server'

// The daily reconciliation: every payment a provider took on a day, compared with ours. The
// provider is asked first (outside any transaction); each mismatch becomes an admin-queue row and
// an audit row, once (a second run finds them).

export type ReconciliationResult = { provider: string; checked: number; mismatches: { kind: string; reference: string }[] }

const DAY_MS = 24 * 60 * 60 * 1000

export async function reconcilePayments(db: Db, providers: PaymentProviders, { day, siteUrl }: { day: string; siteUrl: string }) {
  const from = algeriaDayStart(day)
  if (!from) throw new Error(`not a day: ${day}`)
  const to = new Date(from.getTime() + DAY_MS)
  const results: ReconciliationResult[] = []
  for (const provider of Object.values(providers)) {
    if (!provider) continue
    const listed = await provider.listPayments(from, to)
    const result: ReconciliationResult = { provider: provider.name, checked: listed.length, mismatches: [] }
    const note = (kind: string, reference: string, issueId: string | null) => {
      if (issueId) result.mismatches.push({ kind, reference })
    }
    const paidByCheckout = new Map<string, string[]>()
    for (const payment of listed.filter((p) => p.status === 'paid')) {
      const [ours] = await db
        .select({ id: payments.id, checkoutId: payments.checkoutId, amount: payments.amount, status: payments.status, settledAt: payments.settledAt })
        .from(payments)
        .where(and(eq(payments.provider, provider.name), eq(payments.providerReference, payment.reference)))
      const [checkout] = payment.checkoutId ? await db.select({ id: checkouts.id }).from(checkouts).where(eq(checkouts.id, payment.checkoutId)) : []
      if (!ours && !checkout) {
        note('paid_without_order', payment.reference, await openIssue(db, { provider: provider.name, reference: payment.reference, checkoutId: null, kind: 'paid_without_order', amount: payment.amount }))
        continue
      }
      const checkoutId = ours?.checkoutId ?? checkout!.id
      paidByCheckout.set(checkoutId, [...(paidByCheckout.get(checkoutId) ?? []), payment.reference])
      if (!ours || ours.status !== 'succeeded') {
        // Paid, but its webhook never arrived (or was lost): applied now, like the webhook would.
        const applied = await applyPaymentEvent(
          db,
          provider.name,
          { id: `reconcile:paid:${payment.reference}`, type: 'reconcile.paid', outcome: 'paid', payment, raw: { reconciliation: day } },
          siteUrl
        )
        for (const issueId of applied.issueIds) {
          result.mismatches.push({ kind: 'paid_after_cancel', reference: payment.reference })
          await refundOrQueue(db, provider, issueId)
        }
      }
      if (ours && ours.amount !== payment.amount) {
        note(
          'amount_differs',
          payment.reference,
          await openIssue(db, {
            provider: provider.name,
            reference: payment.reference,
            checkoutId,
            kind: 'amount_differs',
            amount: payment.amount,
            details: { expected: ours.amount, received: payment.amount },
          })
        )
      }
      // The provider's fee and settlement, as it reports them now.
      await db
        .update(payments)
        .set({
          ...(payment.fee !== null ? { fee: payment.fee } : {}),
          ...(payment.settled && !ours?.settledAt ? { settledAt: new Date() } : {}),
        })
        .where(and(eq(payments.provider, provider.name), eq(payments.providerReference, payment.reference)))
    }
    for (const [checkoutId, references] of paidByCheckout) {
      const ourPaid = await db
        .select({ reference: payments.providerReference })
        .from(payments)
        .where(and(eq(payments.checkoutId, checkoutId), eq(payments.status, 'succeeded')))
        .orderBy(asc(payments.paidAt))
      const all = [...new Set([...ourPaid.map((p) => p.reference), ...references])]
      // Every payment after the first of one checkout is money taken twice.
      for (const reference of all.slice(1)) {
        const amount = (await db.select({ amount: payments.amount }).from(payments).where(eq(payments.providerReference, reference)))[0]?.amount ?? 0
        const issueId = await openIssue(db, { provider: provider.name, reference, checkoutId, kind: 'paid_twice', amount, details: { references: all } })
        note('paid_twice', reference, issueId)
        if (issueId) await refundOrQueue(db, provider, issueId)
      }
    }
    results.push(result)
  }
  return results
}

/** Yesterday in Algeria (the day a nightly run reconciles). */
export function previousAlgeriaDay(now = new Date()) {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Africa/Algiers', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(now.getTime() - DAY_MS))
}
