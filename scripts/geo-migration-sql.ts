// Prints the SQL of the geo data migration from the `algeria-locations` package.
// Used once to write db/migrations/0001_geo_data.sql; kept so the data can be regenerated
// (as a new migration) when the package is updated.
import { communes, dairas, wilayas } from 'algeria-locations'

const q = (s: string) => `'${s.replaceAll("'", "''").trim()}'`
const wilayaOfDaira = new Map(dairas.map((d: { id: number; wilaya_id: number }) => [d.id, d.wilaya_id]))

const lines: string[] = []
lines.push('INSERT INTO "wilayas" ("code", "name_ar", "name_fr") VALUES')
lines.push(
  wilayas
    .map((w: { code: string; name: string; name_ar: string }) => `(${Number(w.code)}, ${q(w.name_ar)}, ${q(w.name)})`)
    .join(',\n') + ';',
)
lines.push('--> statement-breakpoint')
lines.push('INSERT INTO "communes" ("code", "wilaya_code", "name_ar", "name_fr", "position") VALUES')
lines.push(
  communes
    .map(
      (c: { id: number; code: string; name: string; name_ar: string; daira_id: number }) =>
        `(${q(c.code)}, ${wilayaOfDaira.get(c.daira_id)}, ${q(c.name_ar)}, ${q(c.name)}, ${c.id})`,
    )
    .join(',\n') + ';',
)
process.stdout.write(lines.join('\n') + '\n')
