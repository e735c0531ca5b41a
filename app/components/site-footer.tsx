import { Link } from '@remix-run/react'
import { useTranslation } from '~/utils/translate'

export function SiteFooter() {
  const { t } = useTranslation()
  return (
    <footer className="mt-8 print:hidden border-t border-stone-200 bg-white">
      <div className="mx-auto max-w-6xl px-4 py-6 text-sm text-stone-600">
        <p className="font-semibold text-brand-700">{t('brand.name')}</p>
        <p className="mt-1">{t('footer.tagline')}</p>
        <p className="mt-3 flex flex-wrap gap-x-6">
          <Link to="/sell" className="inline-flex min-h-11 min-w-11 items-center justify-center font-semibold text-brand-700 underline">
            {t('header.sell')}
          </Link>
          <Link to="/impact" className="inline-flex min-h-11 min-w-11 items-center justify-center font-semibold text-brand-700 underline">
            {t('impact.link')}
          </Link>
          <Link to="/favourites" className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline">
            {t('header.favourites')}
          </Link>
        </p>
        <p className="mt-3">{t('footer.ministry')}</p>
        <p className="mt-3 text-xs text-stone-500">
          © {new Date().getFullYear()} {t('brand.name')}
        </p>
      </div>
    </footer>
  )
}
