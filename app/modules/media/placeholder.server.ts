import { loadSharp } from './sharp.server'

// Demo photos are drawn here, not downloaded: a warm background in the category's hue with a
// simple motif, so every product has a recognisable, honest placeholder.
const motifs = [
  // bowl
  '<ellipse cx="640" cy="660" rx="360" ry="70" fill="#fff8" /><path d="M280 660 Q640 1120 1000 660 Z" fill="#0003" />',
  // jar
  '<rect x="470" y="380" width="340" height="520" rx="90" fill="#fff6" /><rect x="520" y="320" width="240" height="90" rx="20" fill="#0003" />',
  // vase
  '<path d="M560 300 h160 v80 q180 140 120 420 q-40 180 -200 180 q-160 0 -200 -180 q-60 -280 120 -420z" fill="#fff6" />',
  // woven pattern
  '<g fill="none" stroke="#fff8" stroke-width="26"><path d="M300 400 L640 740 L980 400" /><path d="M300 600 L640 940 L980 600" /><path d="M300 800 L640 1140 L980 800" /></g>',
  // star tile
  '<path d="M640 300 L730 550 L990 560 L785 720 L860 980 L640 830 L420 980 L495 720 L290 560 L550 550 Z" fill="#fff7" />',
  // sun / round bread
  '<circle cx="640" cy="660" r="300" fill="#fff6" /><circle cx="640" cy="660" r="200" fill="#0002" />',
]

/** How many different motifs there are: placeholders repeat after that many variants. */
export const PLACEHOLDER_MOTIFS = motifs.length

export function placeholderSvg(hue: number, variant: number, size = 1280) {
  const motif = motifs[variant % motifs.length]
  const light = 62 + (variant % 3) * 6
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 1280 1280">
  <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
    <stop offset="0" stop-color="hsl(${hue} 55% ${light}%)" /><stop offset="1" stop-color="hsl(${(hue + 25) % 360} 50% ${light - 18}%)" />
  </linearGradient></defs>
  <rect width="1280" height="1280" fill="url(#g)" />
  <g opacity="0.25" fill="#fff">${Array.from({ length: 6 }, (_, i) => `<circle cx="${(i * 233 + variant * 97) % 1280}" cy="${(i * 377 + variant * 53) % 1280}" r="${40 + ((i * 31) % 70)}" />`).join('')}</g>
  ${motif}
</svg>`
}

export async function renderPlaceholderPhoto(hue: number, variant: number): Promise<Buffer> {
  const sharp = await loadSharp()
  return sharp(Buffer.from(placeholderSvg(hue, variant))).png({ compressionLevel: 1 }).toBuffer()
}
