import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { FormAlert } from '~/components/ui/form'
import {
  addSynonymGroup,
  InvalidSynonymGroupError,
  listSynonymGroups,
  MAX_GROUP_TERMS,
  MAX_TERM_LENGTH,
  parseSynonymTerms,
  removeSynonymGroup,
} from '~/modules/catalog/search-dictionary.server'
import { getDb } from '~/utils/db.server'
import { i18nServer } from '~/utils/i18n.server'
import { requireRole } from '~/utils/permissions.server'
import { createToastHeader } from '~/utils/toast.server'
import { useTranslation } from '~/utils/translate'
import { readForm } from '~/utils/forms.server'

// Moderators keep the search dictionary (groups of words that mean the same in Arabic, French and
// English) without a deploy: docs/decisions/013-multilingual-search.md.

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, 'moderator')
  return { groups: await listSynonymGroups(await getDb()) }
}

export async function action({ request }: ActionFunctionArgs) {
  await requireRole(request, 'moderator')
  const form = await readForm(request)
  const db = await getDb()
  const done = async (key: string) =>
    redirect('/moderation/search-words', { headers: { 'Set-Cookie': await createToastHeader({ key, type: 'success' }) } })
  if (form.get('intent') === 'remove') {
    const groupId = String(form.get('groupId') ?? '')
    if (!groupId || groupId.length > 64 || !(await removeSynonymGroup(db, groupId))) throw new Response('Not found', { status: 404 })
    return done('searchWords.removed')
  }
  try {
    await addSynonymGroup(db, parseSynonymTerms(String(form.get('terms') ?? '').slice(0, MAX_GROUP_TERMS * (MAX_TERM_LENGTH + 2))))
  } catch (error) {
    if (error instanceof InvalidSynonymGroupError) {
      const t = await i18nServer.getFixedT(request)
      return { message: t('searchWords.invalid') }
    }
    throw error
  }
  return done('searchWords.added')
}

export default function SearchWordsPage() {
  const { groups } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-xl font-bold">{t('searchWords.title')}</h1>
      <p className="text-stone-600">{t('searchWords.intro')}</p>
      <Form method="post" className="flex flex-col gap-2 rounded-2xl border border-stone-200 bg-white p-4">
        <input type="hidden" name="intent" value="add" />
        <label htmlFor="terms" className="font-medium">{t('searchWords.terms')}</label>
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
        <p id="terms-hint" className="text-xs text-stone-500">{t('searchWords.termsHint')}</p>
        <FormAlert message={actionData?.message} />
        <button type="submit" className="inline-flex min-h-11 items-center justify-center self-start rounded-full bg-brand-600 px-6 font-semibold text-white">
          {t('searchWords.add')}
        </button>
      </Form>
      {groups.length === 0 ? <p>{t('searchWords.empty')}</p> : null}
      <ul className="flex flex-col gap-2">
        {groups.map((group) => (
          <li key={group.groupId} className="flex flex-wrap items-center justify-between gap-2 rounded-xl border border-stone-200 bg-white p-3">
            <span dir="auto" className="min-w-0 break-words">{group.terms.map((term) => term.term).join(' · ')}</span>
            <Form method="post">
              <input type="hidden" name="intent" value="remove" />
              <input type="hidden" name="groupId" value={group.groupId} />
              <button type="submit" className="inline-flex min-h-11 items-center rounded-full border border-red-300 px-4 text-sm text-red-700">
                {t('searchWords.remove')}
              </button>
            </Form>
          </li>
        ))}
      </ul>
    </div>
  )
}
