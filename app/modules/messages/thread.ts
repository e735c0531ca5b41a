import type { ResponsiveImage } from '~/modules/media/responsive-image'

/** A message as the page shows it (shared by the loaders, the polling route and the component). */
export type ThreadMessage = {
  id: string
  /** Written by the reader's side. */
  mine: boolean
  body: string
  masked: boolean
  images: ResponsiveImage[]
  /** ISO time. */
  at: string
}
