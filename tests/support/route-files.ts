import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

const routesDir = path.join(process.cwd(), 'app/routes')

/** Every route module under app/routes (paths relative to it), by the same rule as app/routes.ts: helpers next to routes are not routes. */
export function routeFiles(dir = routesDir, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name
    if (entry.isDirectory()) return routeFiles(path.join(dir, entry.name), relative)
    if (entry.name.startsWith('__') || /\.(server|client|test)\./.test(entry.name)) return []
    return [relative]
  })
}

export const routeSource = (file: string) => readFileSync(path.join(routesDir, file), 'utf8')
