// Creates a moderator or admin (or promotes an existing account) from the shell:
//   npm run admin:create -- --email amina@solidarite.gov.dz --name "Amina B." --role moderator
// The password is read from ADMIN_PASSWORD, or asked for on the terminal (never a command-line flag,
// which would end up in the shell history).
import { createInterface } from 'node:readline/promises'
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { connect } from '../db/client'
import { migrate } from '../db/migrate'
import { createStaffAccount } from '../app/modules/accounts/accounts.server'
import { EmailSchema, NameSchema, PasswordSchema } from '../app/modules/accounts/schemas'

const { values } = parseArgs({
  options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string', default: 'moderator' } },
})

let password = process.env.ADMIN_PASSWORD
if (!password && process.stdin.isTTY) {
  const rl = createInterface({ input: process.stdin, output: process.stdout })
  password = await rl.question('Password (8+ characters): ')
  rl.close()
}

const parsed = z
  .object({ email: EmailSchema, name: NameSchema, role: z.enum(['moderator', 'admin']), password: PasswordSchema })
  .safeParse({ email: values.email, name: values.name ?? values.email?.split('@')[0], role: values.role, password })
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`--${issue.path.join('.')}: ${issue.message}`)
  console.error('usage: npm run admin:create -- --email EMAIL [--name NAME] [--role moderator|admin]  (password from ADMIN_PASSWORD or the prompt)')
  process.exit(1)
}

const conn = await connect({ url: process.env.DATABASE_URL, pgliteDir: process.env.PGLITE_DIR, max: 1 })
await migrate(conn)
const { user, created } = await createStaffAccount(conn.db, parsed.data)
console.log(`${created ? 'created' : 'updated'} ${user.role} ${user.email}`)
await conn.close()
