import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { FormAlert } from '~/components/ui/form'
import {
  addClaimTerms,
  InvalidClaimTermsError,
  listClaimTerms,
  MAX_CLAIM_TERM_LENGTH,
  MAX_CLAIM_TERMS_PER_ADD,
  parseClaimTerms,
  removeClaimTerm,
} from '~/modules/listings/claims.server'
import { getDb } from '~/utils/db.server'
import { i18nServer } from '~/utils/i18n.server'
import { requireRole } from '~/utils/permissions.server'
import { createToastHeader } from '~/utils/toast.server'
import { useTranslation } from '~/utils/translate'
import { readForm } from '~/utils/forms.server'

// Moderators keep the list of therapeutic claims (law 18-05) that flag a listing in the review
// queue, without a deploy: docs/decisions/026-claims-bulk-capacity.md.

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, 'moderator')
  return { terms: await listClaimTerms(await getDb()) }
}

export async function action({ request }: ActionFunctionArgs) {
  await requireRole(request, 'moderator')
  const form = await readForm(request)
  const db = await getDb()
  const done = async (key: string) => redirect('/moderation/claim-terms', { headers: { 'Set-Cookie': await createToastHeader({ key, type: 'success' }) } })
  const intent = form.get('intent')
  if (intent !== 'add' && intent !== 'remove') throw new Response('Bad request', { status: 400 })
  if (intent === 'remove') {
    const termId = String(form.get('termId') ?? '')
    if (!termId || termId.length > 64 || !(await removeClaimTerm(db, termId))) throw new Response('Not found', { status: 404 })
    return done('claimTerms.removed')
  }
  try {
    await addClaimTerms(db, parseClaimTerms(String(form.get('terms') ?? '').slice(0, MAX_CLAIM_TERMS_PER_ADD * (MAX_CLAIM_TERM_LENGTH + 2))))
  } catch (error) {
    if (error instanceof InvalidClaimTermsError) {
      const t = await i18nServer.getFixedT(request)
      return { message: t('claimTerms.invalid') }
    }
    throw error
  }
  return done('claimTerms.added')
}

export default function ClaimTermsPage() {
  const { terms } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-xl font-bold">{t('claimTerms.title')}</h1>
      <p className="text-stone-600">{t('claimTerms.intro')}</p>
      <Form method="post" className="flex flex-col gap-2 rounded-2xl border border-stone-200 bg-white p-4">
        <input type="hidden" name="intent" value="add" />
        <label htmlFor="terms" className="font-medium">
          {t('claimTerms.terms')}
        </label>
        <textarea
          id="terms"
          name="terms"
          rows={3}
          required
          dir="auto"
          aria-describedby="terms-hint"
          aria-invalid={actionData?.message ? true : undefined}
          className="rounded-xl border border-stone-300 p-3 text-base aria-[invalid]:border-red-600"
        />
        <p id="terms-hint" className="text-xs text-stone-500">
          {t('claimTerms.termsHint')}
        </p>
        <FormAlert message={actionData?.message} />
        <button type="submit" className="inline-flex min-h-11 items-center justify-center self-start rounded-full bg-brand-600 px-6 font-semibold text-white">
          {t('claimTerms.add')}
        </button>
      </Form>
      {terms.length === 0 ? <p>{t('claimTerms.empty')}</p> : null}
      <ul className="flex flex-wrap gap-2" data-testid="claim-terms">
        {terms.map((term) => (
          <li key={term.id} className="flex items-center gap-1 rounded-full border border-stone-200 bg-white ps-3">
            <bdi className="min-w-0 break-words">{term.term}</bdi>
            <Form method="post">
              <input type="hidden" name="intent" value="remove" />
              <input type="hidden" name="termId" value={term.id} />
              <button
                type="submit"
                aria-label={t('claimTerms.remove', { term: term.term })}
                className="inline-flex size-11 items-center justify-center rounded-full text-red-700"
              >
                ×
              </button>
            </Form>
          </li>
        ))}
      </ul>
    </div>
  )
}
