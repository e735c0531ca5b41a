import { parseWithZod } from '@conform-to/zod/v4'
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'
import { Stars } from '~/components/stars'
import { requireProducerShop } from '~/modules/shops/access.server'
import { auditAssisted } from '~/modules/assistance/assistance.server'
import { AlreadyReviewedError, listShopReviews, replyToReview, ReplyNotAllowedError } from '~/modules/reviews/reviews.server'
import { ReplySchema } from '~/modules/reviews/schemas'
import { getDb } from '~/utils/db.server'
import { createToastHeader } from '~/utils/toast.server'
import { readForm } from '~/utils/forms.server'

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]
export const headers = () => ({ 'Cache-Control': 'private, no-store' })

export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireProducerShop(request)
  return { reviews: await listShopReviews(await getDb(), shop.id) }
}

export async function action({ request }: ActionFunctionArgs) {
  const { assist, ownerId } = await requireProducerShop(request)
  const submission = parseWithZod(await readForm(request), { schema: ReplySchema })
  let key = 'reviews.replied'
  if (submission.status !== 'success') key = 'reviews.replyEmpty'
  else {
    try {
      await replyToReview(await getDb(), { ownerId, reviewId: submission.value.reviewId, reply: submission.value.reply })
      await auditAssisted(await getDb(), assist, { what: 'reviews.replied', targetType: 'review', targetId: submission.value.reviewId })
    } catch (error) {
      if (!(error instanceof ReplyNotAllowedError || error instanceof AlreadyReviewedError)) throw error
      key = 'reviews.notAllowed'
    }
  }
  throw redirect('/dashboard/reviews', { headers: { 'Set-Cookie': await createToastHeader({ key, type: key === 'reviews.replied' ? 'success' : 'error' }) } })
}

export default function ShopReviewsPage() {
  const { reviews } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4">
      <h1 className="text-2xl font-bold">{t('reviews.shopTitle')}</h1>
      {reviews.length === 0 ? <p className="text-stone-600">{t('reviews.noneForShop')}</p> : null}
      <ul className="flex flex-col gap-3">
        {reviews.map((review) => (
          <li key={review.id} className="flex flex-col gap-2 rounded-2xl border border-stone-200 bg-white p-4">
            <Link to={`/p/${review.productSlug}`} className="font-semibold text-brand-800 underline-offset-2 hover:underline" dir="auto">
              {review.productTitle}
            </Link>
            <Stars rating={review.rating} />
            {review.body ? (
              <p className="whitespace-pre-line" dir="auto">
                {review.body}
              </p>
            ) : null}
            {review.reply ? (
              <p className="border-s-2 border-brand-600 ps-3 text-sm" dir="auto">
                <span className="font-medium">{t('reviews.shopReply')}</span> {review.reply}
              </p>
            ) : (
              <Form method="post" className="flex flex-col gap-2">
                <input type="hidden" name="reviewId" value={review.id} />
                <label className="flex flex-col gap-1 text-sm font-medium">
                  {t('reviews.replyLabel')}
                  <textarea name="reply" rows={2} maxLength={1000} dir="auto" className="rounded-xl border border-stone-300 p-3 text-base" />
                </label>
                <button type="submit" className="min-h-11 self-start rounded-full bg-brand-600 px-5 font-semibold text-white hover:bg-brand-700">
                  {t('reviews.sendReply')}
                </button>
              </Form>
            )}
          </li>
        ))}
      </ul>
    </div>
  )
}
