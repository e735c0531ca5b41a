// Makes the installable app's PNG icons from the brand mark (public/favicon.svg) with sharp:
// 192 and 512 px as they are, and a 512 px maskable one whose mark sits inside the 80 % safe zone
// on a full-bleed brand background (launchers cut it to a circle or a squircle). The PNGs are
// committed; run `npx tsx scripts/pwa-icons.ts` again after changing the logo.
import { readFile } from 'node:fs/promises'
import sharp from 'sharp'

const svg = await readFile('public/favicon.svg', 'utf8')
const inner = svg.replace(/^<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '').replace(/<rect[^>]*\/>/, '')
const background = /<rect[^>]*fill="([^"]+)"/.exec(svg)?.[1] ?? '#3f7a36'

for (const size of [192, 512]) {
  await sharp(Buffer.from(svg), { density: (72 * size) / 64 })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toFile(`public/icons/icon-${size}.png`)
}
// The mark at 70 % of the canvas, centred: well within the maskable safe zone (a circle of 80 %).
const maskable = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="${background}"/><g transform="translate(9.6 9.6) scale(0.7)">${inner}</g></svg>`
await sharp(Buffer.from(maskable), { density: (72 * 512) / 64 })
  .resize(512, 512)
  .png({ compressionLevel: 9 })
  .toFile('public/icons/icon-maskable-512.png')
console.log('public/icons: icon-192.png, icon-512.png, icon-maskable-512.png')
