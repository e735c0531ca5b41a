import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { supportedLanguages } from '~/utils/i18n'
import { languageCookie } from '~/utils/i18n.server'
import { safeRedirectPath } from '~/utils/redirect'
import { readForm } from '~/utils/forms.server'

const LanguageForm = z.object({
  language: z.enum(supportedLanguages),
  redirectTo: z.string().optional(),
})

export async function loader() {
  return redirect('/')
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = LanguageForm.safeParse(Object.fromEntries(await readForm(request)))
  if (!parsed.success) throw new Response('Unsupported language', { status: 400 })
  return redirect(safeRedirectPath(parsed.data.redirectTo), {
    headers: { 'Set-Cookie': await languageCookie.serialize(parsed.data.language) },
  })
}
