import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'

// Carrier API keys at rest: AES-256-GCM with a key derived (HKDF-SHA256) from DELIVERY_SECRET, a
// fresh 12-byte IV per value, the shop id as additional data (a ciphertext copied onto another
// shop does not decrypt). Stored as "v1.<iv>.<tag>.<ciphertext>" in base64url.

const keyCache = new Map<string, Buffer>()
function keyFrom(secret: string) {
  let key = keyCache.get(secret)
  if (!key) keyCache.set(secret, (key = Buffer.from(hkdfSync('sha256', secret, 'taswiq', 'carrier-credentials', 32))))
  return key
}

export function encryptSecret(secret: string, plain: string, context: string) {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', keyFrom(secret), iv)
  cipher.setAAD(Buffer.from(context))
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.')
}

export function decryptSecret(secret: string, stored: string, context: string) {
  const [version, iv, tag, data] = stored.split('.')
  if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('unknown credentials format')
  const decipher = createDecipheriv('aes-256-gcm', keyFrom(secret), Buffer.from(iv, 'base64url'))
  decipher.setAAD(Buffer.from(context))
  decipher.setAuthTag(Buffer.from(tag, 'base64url'))
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8')
}
