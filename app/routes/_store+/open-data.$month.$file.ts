import type { LoaderFunctionArgs } from '@remix-run/node'
import { fileBody, getOpenDataFile, MONTH } from '~/modules/opendata/opendata.server'
import { getDb } from '~/utils/db.server'

// One open-data file: /open-data/2026-11/by-commune.csv (or .json), with its SHA-256 in a header.
export async function loader({ params }: LoaderFunctionArgs) {
  const month = params.month ?? ''
  const match = /^([a-z-]{1,40})\.(csv|json)$/.exec(params.file ?? '')
  if (!MONTH.test(month) || !match) throw new Response('Not found', { status: 404 })
  const file = await getOpenDataFile(await getDb(), { month, dataset: match[1]!, format: match[2]! })
  if (!file) throw new Response('Not found', { status: 404 })
  return new Response(fileBody(file.format, file.content), {
    headers: {
      'Content-Type': file.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="taswiq-${file.month}-${file.dataset}.${file.format}"`,
      'X-Checksum-SHA256': file.sha256,
      'Cache-Control': 'public, max-age=3600',
      'Access-Control-Allow-Origin': '*',
    },
  })
}
