/** Limits shared by the forms and the server. */
export const MAX_MESSAGE_LENGTH = 2000
export const MAX_MESSAGE_PHOTOS = 3
export const MAX_QUICK_REPLIES = 10
export const MAX_QUICK_REPLY_LENGTH = 500
/** How often an open conversation asks for new messages when JavaScript runs. */
export const POLL_INTERVAL_MS = 10_000
