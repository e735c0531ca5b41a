// How long one phone photo takes to store as WebP vs AVIF in our three widths, on this machine.
// Usage: node scripts/avif-vs-webp.mjs   (the numbers behind README "Photos and storage")
import sharp from 'sharp'

// A 12-megapixel "photo": smooth gradients with fine grain, like a real picture (flat images flatter AVIF).
const w = 4000
const h = 3000
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#c9843f"/><stop offset="1" stop-color="#4a6b2f"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/>${Array.from({ length: 60 }, (_, i) => `<circle cx="${(i * 677) % w}" cy="${(i * 389) % h}" r="${80 + ((i * 37) % 300)}" fill="hsl(${(i * 47) % 360} 40% 60%)" opacity="0.5"/>`).join('')}</svg>`
const grain = await sharp({ create: { width: w, height: h, channels: 3, noise: { type: 'gaussian', mean: 0, sigma: 12 } } }).png().toBuffer()
const photo = await sharp(Buffer.from(svg)).composite([{ input: grain, blend: 'soft-light' }]).jpeg({ quality: 88 }).toBuffer()

const widths = [320, 640, 1280]
async function run(label, encode) {
  const times = []
  let bytes = 0
  for (let round = 0; round < 3; round++) {
    const started = performance.now()
    const base = sharp(photo).autoOrient()
    const outputs = await Promise.all(widths.map((width) => encode(base.clone().resize({ width })).toBuffer()))
    times.push(performance.now() - started)
    bytes = outputs[2].byteLength
  }
  console.log(`${label.padEnd(24)} ${times.map((t) => `${t.toFixed(0)} ms`).join(' / ')}   1280 px: ${(bytes / 1024).toFixed(0)} KB`)
}
console.log(`cores: ${(await import('node:os')).availableParallelism()}, sharp concurrency: ${sharp.concurrency()}`)
await run('webp q78', (s) => s.webp({ quality: 78 }))
await run('avif q50 effort 4', (s) => s.avif({ quality: 50 }))
await run('avif q50 effort 0', (s) => s.avif({ quality: 50, effort: 0 }))
