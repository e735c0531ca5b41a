// The part of autocannon 9's API that scripts/bench.ts uses (the package ships no types).
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events'
  type Options = { url: string; connections?: number; duration?: number; pipelining?: number; headers?: Record<string, string> }
  type Result = { requests: { average: number; total: number }; non2xx: number; errors: number; timeouts: number }
  interface Instance extends EventEmitter, PromiseLike<Result> {}
  function autocannon(options: Options): Instance
  export default autocannon
}
