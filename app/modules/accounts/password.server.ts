import { hash, verify } from '@node-rs/argon2'

// argon2id with OWASP's minimum recommended cost (19 MiB, 2 passes): ~30 ms here, fine for log-in.
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const

export function hashPassword(password: string) {
  return hash(password, options)
}

export async function verifyPassword(passwordHash: string, password: string) {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}
