import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { pino, type Logger } from 'pino'
import { pinoHttp } from 'pino-http'

/**
 * The process's structured logger: one JSON object per line on stdout (journald, docker and any
 * log shipper read that), level from LOG_LEVEL. Secrets never reach it: request logs carry the
 * method, the path without its query string, the status and the time, not headers or bodies.
 */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime })
}

/** A request id from the client or the proxy is kept when it looks like one (no log injection). */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/

export function requestIdOf(header: string | string[] | undefined) {
  const value = Array.isArray(header) ? header[0] : header
  return value && REQUEST_ID.test(value) ? value : randomUUID()
}

/**
 * Request logging with a request id: `X-Request-Id` from nginx (or the client) is honoured, or one
 * is made; it is sent back in the response's `X-Request-Id` and is on every log line of the request.
 * Probes (/healthz, /readyz, /metrics) and static files are not logged, to keep the logs readable.
 */
export function requestLogger(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const id = requestIdOf(req.headers['x-request-id'])
      res.setHeader('X-Request-Id', id)
      return id
    },
    autoLogging: { ignore: (req) => /^\/(healthz|readyz|metrics)$|^\/(assets|media)\//.test(req.url?.split('?')[0] ?? '') },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
      res: (res: { statusCode: number }) => ({ status: res.statusCode }),
    },
  })
}
