import { useState, type FormEvent } from 'react'
import { useSubmit } from '@remix-run/react'

/**
 * For a plain multipart form with one photo field (an application's card photo, a shop's logo):
 * hydrated, the chosen photo is shrunk on the phone before it is sent (the product uploader's
 * `shrinkPhoto`, loaded on demand), so a 4–5 MB camera photo leaves as a few hundred KB. A PDF, a
 * file the browser cannot decode, or one already small goes as it is; without JavaScript the form
 * posts the original. The server checks and re-encodes whatever arrives.
 */
export function useShrinkOnSubmit(field: string, { maxEdge }: { maxEdge?: number } = {}) {
  const submit = useSubmit()
  const [shrinking, setShrinking] = useState(false)
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    const form = event.currentTarget
    const input = form.elements.namedItem(field)
    const file = input instanceof HTMLInputElement ? input.files?.[0] : undefined
    if (!file || !file.type.startsWith('image/')) return
    event.preventDefault()
    setShrinking(true)
    let sent: Blob = file
    try {
      const { shrinkPhoto } = await import('./shrink-photo')
      sent = (await shrinkPhoto(file, { maxEdge })).blob
    } catch {
      // The original: the server judges it.
    } finally {
      setShrinking(false)
    }
    const formData = new FormData(form)
    // Under the name she chose: the server finds the type in the bytes (and stores a JPEG anyway).
    formData.set(field, sent, file.name)
    submit(formData, { method: 'post', encType: 'multipart/form-data', action: form.getAttribute('action') ?? undefined })
  }
  return { onSubmit, shrinking }
}
