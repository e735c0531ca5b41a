// Client-safe: the dashboard's filter form lists these values.
export const STATS_PERIODS = ['last7', 'last30', 'last90', 'thisMonth', 'lastMonth', 'thisYear', 'custom'] as const
export type StatsPeriod = (typeof STATS_PERIODS)[number]

export const STATS_GRANULARITIES = ['auto', 'day', 'week', 'month'] as const
export type StatsGranularity = (typeof STATS_GRANULARITIES)[number]

export const PRODUCER_CATEGORIES = ['rural_woman', 'productive_family', 'artisan', 'cooperative'] as const
export type ProducerCategoryName = (typeof PRODUCER_CATEGORIES)[number]

/** Tables the dashboard shows, each downloadable as CSV at /admin/stats.csv?table=… */
export const STATS_TABLES = ['summary', 'status', 'time', 'wilaya', 'category', 'producer'] as const
export type StatsTable = (typeof STATS_TABLES)[number]

/** The filter form's values as they appear in the URL (empty string: not set). */
export type StatsFilterValues = {
  period: StatsPeriod
  from: string
  to: string
  wilaya: string
  category: string
  producer: string
  by: StatsGranularity
}

/** The filters as a query string, empty values left out (for CSV links). */
export function statsFilterQuery(values: Partial<StatsFilterValues> & { table?: string }) {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(values)) if (value) params.set(key, value)
  return params.toString()
}
