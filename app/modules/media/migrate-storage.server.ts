import type { ListableStorage } from './storage.server'

export type CopyResult = { copied: number; skipped: number }

const TYPES: Record<string, string> = { webp: 'image/webp', avif: 'image/avif', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', pdf: 'application/pdf' }
export const contentTypeOf = (name: string) => TYPES[name.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream'

/**
 * Copies every file of `from` that `to` lacks (stored names are never reused for other content,
 * so a name present is the same file): running it again copies nothing, and an interrupted run
 * picks up where it stopped. Nothing is deleted from `from`.
 */
export async function copyStorage(from: ListableStorage, to: ListableStorage, { onFile }: { onFile?: (name: string, copied: boolean) => void } = {}): Promise<CopyResult> {
  const result: CopyResult = { copied: 0, skipped: 0 }
  for await (const name of from.list()) {
    if (await to.has(name)) {
      result.skipped++
      onFile?.(name, false)
      continue
    }
    const data = await from.get(name)
    if (!data) continue
    await to.put(name, data, contentTypeOf(name))
    result.copied++
    onFile?.(name, true)
  }
  return result
}
