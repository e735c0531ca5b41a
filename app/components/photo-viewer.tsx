import { useEffect, useRef } from 'react'
import type { ResponsiveImage } from '~/modules/media/responsive-image'
import { useTranslation } from '~/utils/translate'

type Photo = ResponsiveImage & { alt: string }

/** The widest stored variant of a photo ("full size"): the last candidate of its `srcSet`. */
export const largestVariant = (srcSet: string) => srcSet.split(', ').at(-1)?.split(' ')[0] ?? ''

/** The gallery's link to open photo `n` (1-based) full screen; the page wraps each photo in it. */
export const viewerHref = (n: number) => `#view-${n}`

/**
 * A full-screen photo viewer built on fragment links, so it works without JavaScript:
 * each gallery photo links to `#view-N`, and the viewer is shown while one of its slides is the
 * document's `:target` (CSS `:has(:target)`). Inside, a scroll-snapped strip swipes between the
 * photos, previous/next/close are plain links (keyboard and screen readers reach them in order), and
 * "full size" opens the widest stored variant, which the phone's own image view zooms. Pinching
 * zooms the page itself (`touch-action` keeps it allowed on the photos).
 *
 * Nothing is fetched until the viewer opens: its images are `loading="lazy"` inside a hidden
 * element, which browsers do not load. With JavaScript (~0.5 KB) Escape closes it, and focus goes
 * to the close link on opening and back to the photo's gallery link on closing.
 */
export function PhotoViewer({ photos }: { photos: Photo[] }) {
  const { t } = useTranslation()
  const strip = useRef<HTMLUListElement>(null)
  const total = photos.length

  useEffect(() => {
    const current = () => {
      const list = strip.current
      if (!list || !list.clientWidth) return 1
      return Math.min(total, Math.round(Math.abs(list.scrollLeft) / list.clientWidth) + 1)
    }
    const open = () => /^#view-\d+$/.test(location.hash)
    const onHash = () => {
      if (open()) document.querySelector<HTMLElement>(`${location.hash} [data-close]`)?.focus({ preventScroll: true })
    }
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || !open()) return
      const n = current()
      // Replacing the fragment updates `:target` (pushState would not) without a history entry.
      location.replace(`#photo-${n}`)
      document.querySelector<HTMLElement>(`a[href="${viewerHref(n)}"]`)?.focus({ preventScroll: true })
    }
    onHash()
    window.addEventListener('hashchange', onHash)
    document.addEventListener('keydown', onKey)
    return () => {
      window.removeEventListener('hashchange', onHash)
      document.removeEventListener('keydown', onKey)
    }
  }, [total])

  if (total === 0) return null
  const control =
    'flex min-h-11 min-w-11 items-center justify-center rounded-full bg-black/60 px-3 text-sm font-semibold text-white focus-visible:outline-2 focus-visible:outline-white'
  return (
    <div
      role="dialog"
      aria-modal="true"
      aria-label={t('product.viewer')}
      data-testid="photo-viewer"
      className="fixed inset-0 z-[60] hidden bg-black has-[:target]:flex"
    >
      <ul
        ref={strip}
        className="flex h-full w-full snap-x snap-mandatory overflow-x-auto overscroll-contain [scrollbar-width:none]"
        // The strip scrolls by arrow keys once focused (the close link is the first stop).
        tabIndex={-1}
      >
        {photos.map((photo, index) => {
          const n = index + 1
          const label = t('product.photo', { n, total })
          return (
            <li key={photo.src} id={`view-${n}`} aria-label={label} className="relative flex h-full w-full shrink-0 snap-center items-center justify-center">
              <img
                src={photo.src}
                srcSet={photo.srcSet}
                sizes="100vw"
                width={photo.width}
                height={photo.height}
                alt={total > 1 ? `${photo.alt} — ${label}` : photo.alt}
                loading="lazy"
                decoding="async"
                className="max-h-full max-w-full object-contain [touch-action:pan-x_pan-y_pinch-zoom]"
              />
              <div className="absolute inset-x-0 top-0 flex items-center justify-between gap-2 p-2">
                <a href={`#photo-${n}`} className={control} data-close aria-label={t('product.viewerClose')}>
                  <span aria-hidden="true">✕</span>
                </a>
                <span className="rounded-full bg-black/60 px-3 py-1 text-sm text-white" aria-hidden="true">
                  {/* Words, not "1 / 3": digits around a slash read backwards in a right-to-left line. */}
                  {label}
                </span>
                <a href={largestVariant(photo.srcSet) || photo.src} className={control} target="_blank" rel="noopener">
                  {t('product.viewerFullSize')}
                </a>
              </div>
              {total > 1 ? (
                <div className="absolute inset-x-0 bottom-0 flex justify-between p-3">
                  {/* Logical order: "previous" sits at the start side (right in Arabic). */}
                  {n > 1 ? (
                    <a href={viewerHref(n - 1)} className={control}>
                      {t('product.viewerPrevious')}
                    </a>
                  ) : (
                    <span />
                  )}
                  {n < total ? (
                    <a href={viewerHref(n + 1)} className={control}>
                      {t('product.viewerNext')}
                    </a>
                  ) : null}
                </div>
              ) : null}
            </li>
          )
        })}
      </ul>
    </div>
  )
}
