import { type LoaderFunctionArgs } from '@remix-run/node'
import { ConversationNotFoundError, pollConversation } from '~/modules/messages/messages.server'
import { toThread } from '~/modules/messages/view.server'
import { getDb } from '~/utils/db.server'
import { getUser } from '~/utils/permissions.server'

/**
 * The polling route of an open conversation (with JavaScript): the messages after `?after=<ISO
 * time>`, as JSON, for either side. Never cached; anyone else gets 404.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request)
  const headers = { 'Cache-Control': 'private, no-store' }
  if (!user) return Response.json({ messages: [] }, { status: 401, headers })
  const after = new Date(new URL(request.url).searchParams.get('after') ?? '')
  try {
    const { side, messages } = await pollConversation(await getDb(), {
      conversationId: params.conversationId ?? '',
      userId: user.id,
      after: Number.isNaN(after.getTime()) ? new Date(0) : after,
    })
    return Response.json({ messages: toThread(messages, side) }, { headers })
  } catch (error) {
    if (error instanceof ConversationNotFoundError) return Response.json({ messages: [] }, { status: 404, headers })
    throw error
  }
}
