import type Sharp from 'sharp'

/**
 * sharp (and libvips with it) loaded by the first photo to process, not at start: a server spends
 * most of its life without an upload, and libvips is ~25 MB of its memory (decision 023, "Memory").
 */
let loading: Promise<typeof Sharp> | undefined
export function loadSharp() {
  return (loading ??= import('sharp').then((module) => module.default))
}
