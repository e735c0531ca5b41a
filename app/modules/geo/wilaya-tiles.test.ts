import { describe, expect, it } from 'vitest'
import { shadeClasses } from '~/components/wilaya-tile-map'
import { wilayas } from './geo.server'
import { WILAYA_TILE_COLUMNS, WILAYA_TILE_ROWS, WILAYA_TILES } from './wilaya-tiles'

describe('the tile map of Algeria', () => {
  it('has exactly one tile per wilaya, each on its own cell inside the grid', () => {
    expect(WILAYA_TILES.map(([code]) => code).sort((a, b) => a - b)).toEqual(wilayas.map((w) => w.code).sort((a, b) => a - b))
    const cells = WILAYA_TILES.map(([, column, row]) => `${column},${row}`)
    expect(new Set(cells).size).toBe(cells.length)
    for (const [, column, row] of WILAYA_TILES) {
      expect(column).toBeGreaterThanOrEqual(0)
      expect(column).toBeLessThan(WILAYA_TILE_COLUMNS)
      expect(row).toBeGreaterThanOrEqual(0)
      expect(row).toBeLessThan(WILAYA_TILE_ROWS)
    }
  })

  it('keeps neighbours roughly in place: Algiers north of Ghardaïa, Oran west of Constantine, Tamanrasset in the south', () => {
    const at = (code: number) => WILAYA_TILES.find(([c]) => c === code)!
    expect(at(16)[2]).toBeLessThan(at(47)[2])
    expect(at(31)[1]).toBeLessThan(at(25)[1])
    expect(at(11)[2]).toBeGreaterThan(at(30)[2])
  })
})

describe('map shades', () => {
  it('spreads the wilayas with a value over five shades by rank, and leaves zero unshaded', () => {
    const { shadeOf, from } = shadeClasses([0, 10, 20, 30, 40, 50, 1_000_000])
    expect(shadeOf(0)).toBe(-1)
    expect([10, 20, 30, 40, 50, 1_000_000].map(shadeOf)).toEqual([0, 1, 2, 3, 4, 4])
    expect(from).toEqual([10, 20, 30, 40, 50])
  })

  it('gives equal values the same shade, and a lone or largest value the darkest', () => {
    expect(shadeClasses([5, 5, 5, 5]).shadeOf(5)).toBe(4)
    expect(shadeClasses([0, 7]).shadeOf(7)).toBe(4)
  })
})
