/** Names are produced by the app (`products/<id>/<cuid>-640.webp`); refuse anything that could escape the folder. */
export function isSafeName(name: string) {
  return /^[a-z0-9][a-z0-9/_-]*\.[a-z0-9]+$/i.test(name) && !name.includes('..')
}

export function assertSafeName(name: string) {
  if (!isSafeName(name)) {
    throw new Error(`Unsafe media name: ${name}`)
  }
}

