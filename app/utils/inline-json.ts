/**
 * JSON to inline as a <script>'s text (JSON-LD, the error page's strings): "<" and the line
 * separators are escaped, so no value — a product title, a message — can close the tag.
 * The only way raw HTML is written in app/ (tests/integration/raw-html.test.ts).
 */
export function inlineJson(value: unknown) {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}
