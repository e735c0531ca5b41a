import type { MetaFunction } from '@remix-run/node'
import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CartIcon } from '~/components/ui/icons'

export const meta: MetaFunction = () => [{ title: 'Taswiq' }]

// The cart arrives with the orders issue; until then the page tells the truth: it is empty.
export default function CartPage() {
  const { t } = useTranslation()
  return (
    <div className="flex flex-col items-center gap-3 py-10 text-center">
      <CartIcon className="size-12 text-stone-400" />
      <h1 className="text-xl font-bold">{t('cart.title')}</h1>
      <p className="text-stone-600">{t('cart.empty')}</p>
      <Link to="/" className="inline-flex min-h-11 items-center rounded-full bg-brand-600 px-6 text-white hover:bg-brand-700">
        {t('cart.browse')}
      </Link>
    </div>
  )
}
