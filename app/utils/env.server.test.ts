import { describe, expect, it } from 'vitest'
import { parseEnv } from './env.server'

describe('environment', () => {
  it('stops a production server that has no SESSION_SECRET, naming the variable', () => {
    expect(() => parseEnv({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET/)
  })

  it('generates a session secret in development', () => {
    const env = parseEnv({ NODE_ENV: 'development' })
    expect(env.SESSION_SECRET).toMatch(/^[0-9a-f]{64}$/)
    expect(parseEnv({ NODE_ENV: 'development' }).SESSION_SECRET).not.toBe(env.SESSION_SECRET)
  })

  it('names every bad value', () => {
    expect(() => parseEnv({ NODE_ENV: 'production', SESSION_SECRET: 'short', COMMISSION_BPS: '20000' })).toThrow(
      /SESSION_SECRET[\s\S]*COMMISSION_BPS|COMMISSION_BPS[\s\S]*SESSION_SECRET/,
    )
  })

  it('accepts a complete production configuration', () => {
    const env = parseEnv({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), DATABASE_URL: 'postgres://u@h:5432/d' })
    expect(env).toMatchObject({ PORT: 3000, COMMISSION_BPS: 1000, DATABASE_URL: 'postgres://u@h:5432/d' })
  })
})
