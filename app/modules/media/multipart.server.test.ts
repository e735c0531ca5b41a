import { describe, expect, it } from 'vitest'
import { parseMultipartWithFiles } from './multipart.server'

// A multipart body cut off before its last boundary is a bad request (400) for every upload form,
// never a 500.

const request = (type: string, body: string) => new Request('http://localhost/x', { method: 'POST', headers: { 'Content-Type': type }, body })

describe('parseMultipartWithFiles', () => {
  it('answers 400 to a body cut off; a body with another boundary is an empty form (then refused by its fields)', async () => {
    const cut = '--x\r\nContent-Disposition: form-data; name="photos"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\xff'
    const outcome = await parseMultipartWithFiles(request('multipart/form-data; boundary=x', cut), { fileField: 'photos', maxFiles: 3 }).catch((e: unknown) => e)
    expect(outcome).toBeInstanceOf(Response)
    expect((outcome as Response).status).toBe(400)
    const other = await parseMultipartWithFiles(request('multipart/form-data; boundary=y', '--x\r\nContent-Disposition: form-data; name="intent"\r\n\r\nsave\r\n--x--\r\n'), { fileField: 'photos', maxFiles: 3 })
    expect([...other.formData.keys()]).toEqual([])
    expect(other.files).toEqual([])
  })

  it('still reads a whole form', async () => {
    const form = new FormData()
    form.set('intent', 'save')
    form.append('photos', new File([new Uint8Array([1, 2, 3])], 'a.jpg', { type: 'image/jpeg' }))
    const parsed = await parseMultipartWithFiles(new Request('http://localhost/x', { method: 'POST', body: form }), { fileField: 'photos', maxFiles: 3 })
    expect(parsed.formData.get('intent')).toBe('save')
    expect(parsed.files.map((f) => f.name)).toEqual(['a.jpg'])
  })
})
