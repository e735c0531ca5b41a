import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { AlertNotNeededError, AlertProductNotFoundError, subscribeAvailability } from '~/modules/listings/availability.server'
import { getDb } from '~/utils/db.server'
import { requireUser } from '~/utils/permissions.server'
import { createToastHeader } from '~/utils/toast.server'

// "Notify me" for a seasonal product out of season (decision 031): a plain form POST from the
// product page (works without JavaScript), for a signed-in user; back to the page with a toast.

export async function loader({ params }: LoaderFunctionArgs) {
  throw redirect(`/p/${encodeURIComponent(params.slug ?? '')}`)
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const slug = params.slug ?? ''
  const back = `/p/${encodeURIComponent(slug)}`
  try {
    await subscribeAvailability(await getDb(), user.id, slug)
  } catch (error) {
    if (error instanceof AlertProductNotFoundError) throw new Response('Not found', { status: 404 })
    if (!(error instanceof AlertNotNeededError)) throw error
    throw redirect(back, { headers: { 'Set-Cookie': await createToastHeader({ key: 'product.notifyNotNeeded', type: 'info' }) } })
  }
  throw redirect(back, { headers: { 'Set-Cookie': await createToastHeader({ key: 'product.notifySaved', type: 'success' }) } })
}
