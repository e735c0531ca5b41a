import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from '~/utils/translate'

// The product form's photos (decision 017). Without JavaScript (or before hydration) it is a plain
// `<input type=file name=photos>` posted with the form. Once hydrated, each chosen photo is shrunk on
// the phone (shrink-photo.ts, loaded on demand), uploaded on its own to /resources/product-photos
// with a progress bar, and the form then posts only the ids (`photoIds`) in the order shown. A photo
// that fails keeps its error next to it (scrolled into view) without touching the others or the
// text; a dropped connection offers a retry, and photos chosen offline wait for the connection.

export const UPLOAD_URL = '/resources/product-photos'

type Status = 'shrinking' | 'uploading' | 'offline' | 'failed' | 'refused' | 'done'
type Item = {
  key: string
  name: string
  file: File
  blob?: Blob
  uploadName?: string
  preview?: string
  status: Status
  percent: number
  uploadId?: string
  error?: string
}

const busy = (item: Item) => item.status === 'shrinking' || item.status === 'uploading' || item.status === 'offline'
const isOffline = () => typeof navigator !== 'undefined' && navigator.onLine === false
let nextKey = 0

const smallButton = 'min-h-11 min-w-11 rounded-lg border border-stone-300 bg-white px-3 text-sm font-medium hover:bg-stone-50 disabled:opacity-40'

export type PhotoUploaderHandle = { onSubmit: (event: FormEvent<HTMLFormElement>) => void }

/**
 * `onReady` receives the submit guard the form calls first: it holds the form back while photos are
 * on their way (and sends it by itself once they are all uploaded), or points at a failed photo.
 */
export function PhotoUploader({ maxPhotos, serverError, onReady }: { maxPhotos: number; serverError?: string | null; onReady: (handle: PhotoUploaderHandle) => void }) {
  const { t } = useTranslation()
  const [enhanced, setEnhanced] = useState(false)
  const [items, setItems] = useState<Item[]>([])
  const [notice, setNotice] = useState<string | null>(null)
  const [submitWhenReady, setSubmitWhenReady] = useState(false)
  const inputRef = useRef<HTMLInputElement>(null)
  const itemsRef = useRef(items)
  itemsRef.current = items
  const xhrs = useRef(new Map<string, XMLHttpRequest>())
  const formRef = useRef<HTMLFormElement | null>(null)
  const scrollTo = useRef<string | null>(null)

  const update = useCallback((key: string, change: Partial<Item>) => {
    setItems((current) => current.map((item) => (item.key === key ? { ...item, ...change } : item)))
  }, [])

  const fail = useCallback(
    (key: string, change: Partial<Item>) => {
      scrollTo.current = key
      update(key, change)
    },
    [update],
  )

  const send = useCallback(
    (key: string, payload?: { blob: Blob; name: string }) => {
      const item = itemsRef.current.find((i) => i.key === key)
      const blob = payload?.blob ?? item?.blob
      if (!item || !blob) return
      if (isOffline()) {
        update(key, { status: 'offline', percent: 0, error: undefined })
        return
      }
      const body = new FormData()
      body.append('photo', blob, payload?.name ?? item.uploadName ?? item.name)
      const xhr = new XMLHttpRequest()
      xhrs.current.set(key, xhr)
      xhr.open('POST', UPLOAD_URL)
      xhr.responseType = 'json'
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable) update(key, { percent: Math.min(99, Math.round((event.loaded / event.total) * 100)) })
      }
      xhr.onload = () => {
        xhrs.current.delete(key)
        const response = (xhr.response ?? {}) as { photo?: { id: string }; error?: string }
        if (xhr.status === 200 && response.photo) update(key, { status: 'done', percent: 100, uploadId: response.photo.id, error: undefined })
        else if (xhr.status >= 400 && xhr.status < 500 && xhr.status !== 408) fail(key, { status: 'refused', error: response.error ?? t('photoUploads.errors.server') })
        else fail(key, { status: 'failed', error: t('photoUploads.errors.server') })
      }
      const dropped = () => {
        xhrs.current.delete(key)
        if (isOffline()) update(key, { status: 'offline', percent: 0, error: undefined })
        else fail(key, { status: 'failed', error: t('photoUploads.errors.network') })
      }
      xhr.onerror = dropped
      xhr.ontimeout = dropped
      update(key, { status: 'uploading', percent: 0, error: undefined })
      xhr.send(body)
    },
    [fail, t, update],
  )

  const prepare = useCallback(
    async (key: string, file: File) => {
      let shrunk: { blob: Blob; name: string } = { blob: file, name: file.name }
      try {
        const { shrinkPhoto } = await import('./shrink-photo')
        shrunk = await shrinkPhoto(file)
      } catch {
        // Sent as it is: the server judges it.
      }
      if (!itemsRef.current.some((i) => i.key === key)) return // removed meanwhile
      update(key, { blob: shrunk.blob, uploadName: shrunk.name, preview: URL.createObjectURL(shrunk.blob) })
      send(key, shrunk)
    },
    [send, update],
  )

  const add = useCallback(
    async (files: File[]) => {
      const room = maxPhotos - itemsRef.current.length
      setNotice(files.length > room ? t('listings.errors.tooManyPhotos') : null)
      const added = files.slice(0, Math.max(0, room)).map((file): Item => ({ key: `p${nextKey++}`, name: file.name, file, status: 'shrinking', percent: 0 }))
      if (!added.length) return
      setItems((current) => [...current, ...added])
      // One photo decoded at a time: a cheap phone has little memory for 12-megapixel bitmaps.
      for (const item of added) await prepare(item.key, item.file)
    },
    [maxPhotos, prepare, t],
  )

  // Hydrated: take over the input (photos chosen before hydration are taken over too).
  useEffect(() => {
    setEnhanced(true)
    const input = inputRef.current
    formRef.current = input?.form ?? null
    if (input?.files?.length) {
      const chosen = [...input.files]
      input.value = ''
      void add(chosen)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  // Back online: photos waiting for the connection go by themselves.
  useEffect(() => {
    const resume = () => itemsRef.current.filter((i) => i.status === 'offline' || i.status === 'failed').forEach((i) => send(i.key))
    window.addEventListener('online', resume)
    return () => window.removeEventListener('online', resume)
  }, [send])

  // A page closed mid-upload loses the photos: the browser asks first.
  const uploading = items.some(busy)
  useEffect(() => {
    if (!uploading) return
    const warn = (event: BeforeUnloadEvent) => event.preventDefault()
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [uploading])

  // A failed photo's error is brought into view.
  useEffect(() => {
    const key = scrollTo.current
    if (!key) return
    scrollTo.current = null
    const element = document.getElementById(`photo-error-${key}`)
    element?.scrollIntoView({ block: 'center' })
    element?.focus({ preventScroll: true })
  }, [items])

  // The form was sent while photos were on their way: send it once they have all arrived.
  useEffect(() => {
    if (!submitWhenReady || uploading) return
    setSubmitWhenReady(false)
    if (items.some((i) => i.status === 'failed' || i.status === 'refused')) return
    formRef.current?.requestSubmit()
  }, [items, submitWhenReady, uploading])

  useEffect(
    () => () => {
      xhrs.current.forEach((xhr) => xhr.abort())
    },
    [],
  )

  const guardRef = useRef<PhotoUploaderHandle['onSubmit']>(() => {})
  guardRef.current = (event) => {
    const current = itemsRef.current
    const failed = current.find((i) => i.status === 'failed' || i.status === 'refused')
    if (failed) {
      event.preventDefault()
      setNotice(t('photoUploads.fixFailed'))
      scrollTo.current = failed.key
      setItems([...current])
      return
    }
    if (current.some(busy)) {
      event.preventDefault()
      setSubmitWhenReady(true)
    }
  }
  useEffect(() => {
    onReady({ onSubmit: (event) => guardRef.current(event) })
  }, [onReady])

  const move = (index: number, by: -1 | 1) =>
    setItems((current) => {
      const next = [...current]
      const [item] = next.splice(index, 1)
      next.splice(index + by, 0, item!)
      return next
    })
  const remove = (item: Item) => {
    xhrs.current.get(item.key)?.abort()
    xhrs.current.delete(item.key)
    if (item.preview) URL.revokeObjectURL(item.preview)
    setItems((current) => current.filter((i) => i.key !== item.key))
    if (item.uploadId) {
      // Its files go now rather than with the next day's clean-up.
      void fetch(UPLOAD_URL, { method: 'POST', body: new URLSearchParams({ intent: 'discard', id: item.uploadId }) }).catch(() => {})
    }
  }

  return (
    <div className="flex flex-col gap-2">
      <label htmlFor="photos" className="text-sm font-medium text-stone-800">
        {t('listings.fields.photos')}
      </label>
      {items.length ? (
        <ol className="flex flex-col gap-3" aria-label={t('photoUploads.listLabel')}>
          {items.map((item, index) => (
            <li key={item.key} id={`photo-${item.key}`} className="flex flex-col gap-2 rounded-xl border border-stone-200 p-2" data-status={item.status}>
              <div className="flex gap-3">
                <div className="relative size-20 shrink-0 overflow-hidden rounded-lg bg-stone-100">
                  {item.preview ? (
                    <img
                      src={item.preview}
                      alt={t('photoUploads.preview', { n: index + 1 })}
                      className="size-full object-cover"
                      // A file the browser cannot show (a broken one) gets no preview rather than a broken image.
                      onError={() => update(item.key, { preview: undefined })}
                    />
                  ) : null}
                  {index === 0 ? (
                    <span className="absolute inset-x-0 bottom-0 bg-brand-700/90 py-0.5 text-center text-xs font-semibold text-white">{t('listings.cover')}</span>
                  ) : null}
                </div>
                <div className="flex min-w-0 flex-1 flex-col gap-1">
                  <p dir="auto" className="truncate text-start text-sm font-medium">
                    {item.name}
                  </p>
                  {item.status === 'shrinking' || item.status === 'uploading' ? (
                    <>
                      <div
                        role="progressbar"
                        aria-label={t('photoUploads.progressLabel', { name: item.name })}
                        aria-valuemin={0}
                        aria-valuemax={100}
                        aria-valuenow={item.status === 'uploading' ? item.percent : undefined}
                        className="h-2.5 w-full overflow-hidden rounded-full bg-stone-200"
                      >
                        <div
                          className={`h-full rounded-full bg-brand-600 transition-[width] ${item.status === 'shrinking' ? 'w-1/4 animate-pulse' : ''}`}
                          style={item.status === 'uploading' ? { width: `${Math.max(3, item.percent)}%` } : undefined}
                        />
                      </div>
                      <p className="text-xs text-stone-700">
                        {item.status === 'shrinking' ? t('photoUploads.shrinking') : t('photoUploads.uploading', { percent: item.percent })}
                      </p>
                    </>
                  ) : null}
                  {item.status === 'offline' ? <p className="text-xs text-amber-800">{t('photoUploads.offline')}</p> : null}
                  {item.status === 'done' ? <p className="text-xs font-medium text-brand-800">{t('photoUploads.done')}</p> : null}
                  {item.error ? (
                    <p id={`photo-error-${item.key}`} role="alert" tabIndex={-1} className="text-sm text-red-700">
                      {t('media.inFile', { file: item.name, message: item.error })}
                    </p>
                  ) : null}
                </div>
              </div>
              <div className="flex flex-wrap gap-2">
                {item.status === 'failed' ? (
                  <button type="button" className={`${smallButton} border-brand-600 text-brand-800`} onClick={() => send(item.key)}>
                    {t('photoUploads.retry')}
                  </button>
                ) : null}
                <button type="button" className={smallButton} disabled={index === 0} onClick={() => move(index, -1)} aria-label={t('photoUploads.moveEarlierNamed', { name: item.name })}>
                  {t('listings.moveEarlier')}
                </button>
                <button
                  type="button"
                  className={smallButton}
                  disabled={index === items.length - 1}
                  onClick={() => move(index, 1)}
                  aria-label={t('photoUploads.moveLaterNamed', { name: item.name })}
                >
                  {t('listings.moveLater')}
                </button>
                <button
                  type="button"
                  className={`${smallButton} border-red-300 text-red-800 hover:bg-red-50`}
                  onClick={() => remove(item)}
                  aria-label={t('photoUploads.removeNamed', { name: item.name })}
                >
                  {t('listings.removePhoto')}
                </button>
              </div>
              {item.uploadId && item.status === 'done' ? <input type="hidden" name="photoIds" value={item.uploadId} /> : null}
            </li>
          ))}
        </ol>
      ) : null}
      {items.length < maxPhotos ? (
        <input
          ref={inputRef}
          id="photos"
          // Enhanced, the files go one by one through the uploader, not with the form.
          name={enhanced ? undefined : 'photos'}
          type="file"
          accept="image/*"
          multiple
          required={!enhanced || items.length === 0}
          aria-describedby="photos-hint photos-error"
          aria-invalid={serverError ? true : undefined}
          onChange={
            enhanced
              ? (event) => {
                  const chosen = [...(event.currentTarget.files ?? [])]
                  event.currentTarget.value = ''
                  void add(chosen)
                }
              : undefined
          }
          className="min-h-12 w-full min-w-0 rounded-xl border border-dashed border-stone-400 bg-stone-50 p-2 text-sm file:me-3 file:min-h-10 file:rounded-full file:border-0 file:bg-brand-600 file:px-4 file:font-semibold file:text-white"
        />
      ) : null}
      <p id="photos-hint" className="text-xs text-stone-500">
        {t('listings.fields.photosHint')}
      </p>
      {uploading ? (
        <p role="status" className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {submitWhenReady ? t('photoUploads.sendWhenReady') : t('photoUploads.keepOpen')}
        </p>
      ) : null}
      {notice ? (
        <p role="alert" className="text-sm text-red-700">
          {notice}
        </p>
      ) : null}
      {serverError ? (
        <p id="photos-error" role="alert" className="text-sm text-red-700">
          {serverError}
        </p>
      ) : null}
    </div>
  )
}
