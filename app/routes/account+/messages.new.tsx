import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { FormAlert } from '~/components/ui/form'
import { getPublicProductById, getPublicShopName } from '~/modules/messages/entry.server'
import { MAX_MESSAGE_LENGTH } from '~/modules/messages/limits'
import { CannotMessageOwnShopError, ConversationNotFoundError, EmptyMessageError, MessagingBlockedError, openConversation, sendMessage } from '~/modules/messages/messages.server'
import { getDb } from '~/utils/db.server'
import { i18nServer } from '~/utils/i18n.server'
import { requireUser } from '~/utils/permissions.server'
import { useTranslation } from '~/utils/translate'
import { readForm } from '~/utils/forms.server'

export const meta: MetaFunction = () => [{ title: 'Taswiq' }, { name: 'robots', content: 'noindex' }]

/** "Ask the producer": `?product=<id>` (from a product page) or `?shop=<slug>` (from a shop page). */
async function subject(request: Request) {
  const url = new URL(request.url)
  const db = await getDb()
  const productId = url.searchParams.get('product')
  if (productId) {
    const product = await getPublicProductById(db, productId)
    if (product) return { shopId: product.shopId, shopName: product.shopName, productId: product.id, productTitle: product.title, productSlug: product.slug }
  }
  const slug = url.searchParams.get('shop')
  if (slug) {
    const shop = await getPublicShopName(db, slug)
    if (shop) return { shopId: shop.id, shopName: shop.name, productId: null, productTitle: null, productSlug: null }
  }
  throw new Response('Not found', { status: 404 })
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request)
  const { shopId: _shopId, ...shown } = await subject(request)
  return shown
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const about = await subject(request)
  const t = await i18nServer.getFixedT(request)
  const formData = await readForm(request)
  const body = String(formData.get('body') ?? '')
  if (!body.trim()) return { error: t('messaging.errors.empty') }
  if (body.trim().length > MAX_MESSAGE_LENGTH) return { error: t('messaging.errors.tooLong', { count: MAX_MESSAGE_LENGTH }) }
  const db = await getDb()
  try {
    // One transaction: a refused first message (a barred sender…) leaves no empty conversation behind.
    const conversationId = await db.transaction(async (tx) => {
      const id = await openConversation(tx, { buyerId: user.id, shopId: about.shopId, productId: about.productId })
      await sendMessage(tx, null, { conversationId: id, senderId: user.id, body })
      return id
    })
    throw redirect(`/account/messages/${conversationId}`)
  } catch (error) {
    if (error instanceof CannotMessageOwnShopError) return { error: t('messaging.errors.ownShop') }
    if (error instanceof MessagingBlockedError) return { error: t('messaging.errors.blocked') }
    if (error instanceof EmptyMessageError) return { error: t('messaging.errors.empty') }
    if (error instanceof ConversationNotFoundError) throw new Response('Not found', { status: 404 })
    throw error
  }
}

export default function NewConversationPage() {
  const about = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-3">
      <h1 className="text-xl font-bold">{t('messaging.askTitle', { shop: about.shopName })}</h1>
      {about.productTitle ? (
        <p className="text-sm text-stone-600">
          {t('messaging.about')}{' '}
          <Link to={`/p/${about.productSlug}`} dir="auto" className="text-brand-700 underline">
            {about.productTitle}
          </Link>
        </p>
      ) : null}
      <p className="rounded-xl bg-stone-100 px-3 py-2 text-sm text-stone-700">{t('messaging.maskingNotice')}</p>
      <FormAlert message={actionData?.error} />
      <Form method="post" className="flex flex-col gap-2 rounded-2xl border border-stone-200 bg-white p-3">
        <label htmlFor="message-body" className="text-sm font-medium">
          {t('messaging.yourQuestion')}
        </label>
        <textarea id="message-body" name="body" rows={4} required maxLength={MAX_MESSAGE_LENGTH} dir="auto" className="w-full rounded-xl border border-stone-300 px-3 py-2 text-base" />
        <button type="submit" className="min-h-12 rounded-full bg-brand-600 px-6 font-semibold text-white hover:bg-brand-700">
          {t('messaging.send')}
        </button>
      </Form>
    </div>
  )
}
