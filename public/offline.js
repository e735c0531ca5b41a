// The offline page's only script (served by the service worker when a navigation fails; the page's
// CSP allows scripts from our origin, not inline ones). The page holds the three languages; the
// one shown is the site language the visitor last saw (remembered by entry.client.tsx), else the
// browser's, else Arabic (shown without this script).
;(function () {
  var languages = ['ar', 'fr', 'en']
  var language = null
  try {
    language = localStorage.getItem('taswiq-lang')
  } catch {
    // Storage refused: the browser's language decides.
  }
  if (languages.indexOf(language) < 0) language = (navigator.language || 'ar').slice(0, 2)
  if (languages.indexOf(language) < 0) language = 'ar'
  var sections = document.querySelectorAll('[data-offline-lang]')
  for (var i = 0; i < sections.length; i++) {
    var section = sections[i]
    var shown = section.getAttribute('data-offline-lang') === language
    section.hidden = !shown
    if (shown) {
      document.documentElement.lang = language
      document.documentElement.dir = section.getAttribute('dir') || 'ltr'
      document.title = section.getAttribute('data-title') || document.title
    }
  }
  // Try again: the same address, which the browser asks the network for again.
  document.addEventListener('click', function (event) {
    if (event.target && event.target.closest && event.target.closest('[data-offline-retry]')) location.reload()
  })
  // Back online: load the page. Not when the browser says otherwise, and not once the visitor is
  // leaving for another page — an 'online' event can come while navigator.onLine is still false, as
  // the page unloads (seen when the network state is emulated, as in the browser tests), and a
  // reload then would cancel the visitor's own navigation to a stored page.
  var leaving = false
  window.addEventListener('beforeunload', function () {
    leaving = true
  })
  window.addEventListener('online', function () {
    if (navigator.onLine && !leaving) location.reload()
  })
})()
