import { useRootData } from '~/utils/root-data'

/** The message a redirect carried ("Password changed"), shown once at the top of the next page (translated by the root loader). */
export function ToastMessage() {
  const toast = useRootData()?.toast
  if (!toast) return null
  const colours = toast.type === 'error' ? 'border-red-200 bg-red-50 text-red-800' : 'border-brand-100 bg-brand-50 text-brand-800'
  return (
    <p role="status" className={`mb-4 rounded-xl border px-4 py-3 text-sm font-medium ${colours}`}>
      {toast.message}
    </p>
  )
}
