import { useTranslation } from '~/utils/translate'
import { WILAYA_TILE_COLUMNS, WILAYA_TILE_ROWS, WILAYA_TILES } from '~/modules/geo/wilaya-tiles'

type TileValue = { code: number; name: string; value: number; display: string }

// Five shades by rank among the wilayas that have a value (quantiles): sales are very uneven
// between wilayas, so shades proportional to the largest would leave almost all of them pale.
const SHADES = [
  { fill: 'fill-brand-100', text: 'fill-stone-900', swatch: 'bg-brand-100' },
  { fill: 'fill-brand-300', text: 'fill-stone-900', swatch: 'bg-brand-300' },
  { fill: 'fill-brand-400', text: 'fill-stone-900', swatch: 'bg-brand-400' },
  { fill: 'fill-brand-600', text: 'fill-white', swatch: 'bg-brand-600' },
  { fill: 'fill-brand-800', text: 'fill-white', swatch: 'bg-brand-800' },
] as const

export function shadeClasses(values: number[]) {
  const sorted = values.filter((v) => v > 0).sort((a, b) => a - b)
  const shadeOf = (value: number) => {
    if (!(value > 0) || !sorted.length) return -1
    // The share of wilayas at or below this value, in fifths: the largest is always the darkest.
    const atOrBelow = sorted.filter((v) => v <= value).length
    return Math.max(0, Math.ceil((atOrBelow * SHADES.length) / sorted.length) - 1)
  }
  // The smallest value of each shade, for the legend.
  const from = SHADES.map((_, shade) => sorted.find((v) => shadeOf(v) === shade)).map((v) => v ?? null)
  return { shadeOf, from }
}

/**
 * A tile map of Algeria (one square per wilaya, labelled with its number), shaded by value. It is
 * a picture: the same figures are in the table next to it, and each tile names itself on hover.
 * Geography does not mirror in Arabic, so the map keeps west on the left.
 */
export function WilayaTileMap({ rows, label, formatLegend }: { rows: TileValue[]; label: string; formatLegend: (value: number) => string }) {
  const { t } = useTranslation()
  const byCode = new Map(rows.map((r) => [r.code, r]))
  const { shadeOf, from } = shadeClasses(rows.map((r) => r.value))
  const size = 30
  const gap = 3
  const step = size + gap
  return (
    <figure className="flex w-full max-w-xl flex-col gap-2" data-testid="wilaya-map">
      <svg
        viewBox={`0 0 ${WILAYA_TILE_COLUMNS * step - gap} ${WILAYA_TILE_ROWS * step - gap}`}
        className="h-auto w-full"
        role="img"
        aria-label={label}
        direction="ltr"
      >
        {WILAYA_TILES.map(([code, column, row]) => {
          const tile = byCode.get(code)
          const shade = SHADES[shadeOf(tile?.value ?? 0)]
          return (
            <g key={code} transform={`translate(${column * step} ${row * step})`} data-wilaya={code} data-shade={shade ? SHADES.indexOf(shade) + 1 : 0}>
              <title>{tile ? `${String(code).padStart(2, '0')} ${tile.name}: ${tile.display}` : String(code).padStart(2, '0')}</title>
              <rect width={size} height={size} rx="4" className={shade?.fill ?? 'fill-white stroke-stone-300'} />
              <text x={size / 2} y={size / 2} textAnchor="middle" dominantBaseline="central" fontSize="12" className={shade?.text ?? 'fill-stone-500'}>
                {String(code).padStart(2, '0')}
              </text>
            </g>
          )
        })}
      </svg>
      <figcaption className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-stone-600">
        <span className="inline-flex items-center gap-1">
          <span className="inline-block size-3 rounded-sm border border-stone-300 bg-white" /> {t('stats.map.none')}
        </span>
        {SHADES.map((shade, i) => {
          const lowest = from[i]
          return lowest === null || lowest === undefined ? null : (
            <span key={shade.swatch} className="inline-flex items-center gap-1">
              <span className={`inline-block size-3 rounded-sm ${shade.swatch}`} /> {t('stats.map.from', { amount: formatLegend(lowest) })}
            </span>
          )
        })}
      </figcaption>
    </figure>
  )
}
