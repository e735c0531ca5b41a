import { redirect } from '@remix-run/node'
import { responsiveImage } from '~/modules/media/images.server'
import { oversizeMessage, photoRefusalMessage } from '~/modules/media/refusals.server'
import { parseMultipartWithFiles } from '~/modules/media/multipart.server'
import { getMediaStorage, type MediaStorage } from '~/modules/media/storage.server'
import { getDb } from '~/utils/db.server'
import { i18nServer } from '~/utils/i18n.server'
import { createToastHeader } from '~/utils/toast.server'
import { MAX_MESSAGE_LENGTH, MAX_MESSAGE_PHOTOS } from './limits'
import {
  ConversationNotFoundError,
  EmptyMessageError,
  MessagingBlockedError,
  quickReplyText,
  reportConversation,
  sendMessage,
  TooManyMessagePhotosError,
  type ConversationMessage,
  type Side,
} from './messages.server'
import type { ThreadMessage } from './thread'

// The pages' side of messages: the thread as the browser gets it, and the one action behind the
// reply and report forms of both the buyer's and the producer's conversation pages.

export function toThread(list: ConversationMessage[], side: Side, storage: MediaStorage = getMediaStorage()): ThreadMessage[] {
  return list.map((m) => ({
    id: m.id,
    mine: m.fromShop === (side === 'shop'),
    body: m.body,
    masked: m.masked,
    images: m.images.map((image) => responsiveImage(storage, image)),
    at: m.createdAt.toISOString(),
  }))
}

/** Runs a message or report form of a conversation page; redirects back on success (no re-post on reload without JS). */
export async function conversationAction(request: Request, { userId, conversationId, shopId, back }: { userId: string; conversationId: string; shopId?: string; back: string }) {
  const t = await i18nServer.getFixedT(request)
  const db = await getDb()
  const upload = await parseMultipartWithFiles(request, { fileField: 'photos', maxFiles: MAX_MESSAGE_PHOTOS })
  const intent = upload.formData.get('intent')
  try {
    if (intent === 'report') {
      const note = String(upload.formData.get('note') ?? '')
      await reportConversation(db, { conversationId, userId, note })
      throw redirect(back, { headers: { 'Set-Cookie': await createToastHeader({ key: 'messaging.reported', type: 'success' }) } })
    }
    if (upload.oversize.length) return { error: oversizeMessage(upload.oversize, t) }
    if (upload.tooMany) return { error: t('messaging.errors.tooManyPhotos', { count: MAX_MESSAGE_PHOTOS }) }
    let body = String(upload.formData.get('body') ?? '')
    const quickReplyId = upload.formData.get('quickReplyId')
    if (typeof quickReplyId === 'string' && quickReplyId && shopId) {
      const text = await quickReplyText(db, shopId, quickReplyId)
      if (text) body = text
    }
    if (body.trim().length > MAX_MESSAGE_LENGTH) return { error: t('messaging.errors.tooLong', { count: MAX_MESSAGE_LENGTH }) }
    await sendMessage(db, getMediaStorage(), { conversationId, senderId: userId, body, photos: upload.files })
  } catch (error) {
    const message = messageError(error, t)
    if (message === null) throw error
    return { error: message }
  }
  throw redirect(back)
}

function messageError(error: unknown, t: (key: string, values?: Record<string, unknown>) => string): string | null {
  if (error instanceof ConversationNotFoundError) throw new Response('Not found', { status: 404 })
  if (error instanceof EmptyMessageError) return t('messaging.errors.empty')
  if (error instanceof MessagingBlockedError) return t('messaging.errors.blocked')
  if (error instanceof TooManyMessagePhotosError) return t('messaging.errors.tooManyPhotos', { count: MAX_MESSAGE_PHOTOS })
  return photoRefusalMessage(error, t)
}
