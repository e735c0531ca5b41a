import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { logoutAndRedirect } from '~/utils/session.server'

// Logging out is a POST (a form button), so a link or an image on another site cannot do it.
export async function loader() {
  return redirect('/')
}

export async function action({ request }: ActionFunctionArgs) {
  return logoutAndRedirect(request, '/')
}
