import { communes as allCommunes, dairas, wilayas as allWilayas } from 'algeria-locations'
import type { Language } from '~/utils/i18n'

// Server-only (the full list is ~300 KB): loaders send the names a page needs.
// The same `algeria-locations` data that migration 0001 loaded into the `wilayas` and `communes`
// tables, held in memory for pickers and labels (no query needed to show a name).
export type Wilaya = { code: number; nameAr: string; nameFr: string }
export type Commune = { code: string; wilayaCode: number; nameAr: string; nameFr: string }

// In the package a wilaya's id is its official code.
const wilayaOfDaira = new Map(dairas.map((d) => [d.id, d.wilaya_id]))

export const wilayas: Wilaya[] = allWilayas.map((w) => ({ code: Number(w.code), nameAr: w.name_ar.trim(), nameFr: w.name.trim() }))
const wilayaByCode = new Map(wilayas.map((w) => [w.code, w]))

export const communes: Commune[] = allCommunes.map((c) => ({
  code: c.code,
  wilayaCode: wilayaOfDaira.get(c.daira_id) ?? Number(c.code.slice(0, 2)),
  nameAr: c.name_ar.trim(),
  nameFr: c.name.trim(),
}))
const communeByCode = new Map(communes.map((c) => [c.code, c]))

export const getWilaya = (code: number) => wilayaByCode.get(code)
export const getCommune = (code: string) => communeByCode.get(code)
export const communesOfWilaya = (wilayaCode: number) => communes.filter((c) => c.wilayaCode === wilayaCode)

/** Place names are shown in Arabic to Arabic readers and in their official French form otherwise. */
export function placeName(place: { nameAr: string; nameFr: string }, language: Language) {
  return language === 'ar' ? place.nameAr : place.nameFr
}

/** The wilaya and commune pickers' options in the reader's language ("16 — Alger"); communes only once a wilaya is chosen. */
export function placeOptions(language: Language, wilayaCode: number | null) {
  return {
    wilayas: wilayas.map((w) => ({ code: w.code, name: `${String(w.code).padStart(2, '0')} — ${placeName(w, language)}` })),
    communes: wilayaCode ? communesOfWilaya(wilayaCode).map((c) => ({ code: c.code, name: placeName(c, language) })) : [],
  }
}
