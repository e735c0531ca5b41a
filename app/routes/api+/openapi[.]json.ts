import { partnerOpenApiDocument } from '~/modules/partners/openapi.server'

// The partner API's OpenAPI description as JSON (the page /api/docs shows it for people).
export function loader() {
  return new Response(JSON.stringify(partnerOpenApiDocument(), null, 2), {
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'public, max-age=300', 'Access-Control-Allow-Origin': '*' },
  })
}
