import { test } from './fixtures'
import { openDataJourney } from './support/open-data-journey'

test.describe.configure({ timeout: 90_000 })

test('the open-data page and the API docs read in French on a desktop; a downloaded file matches its checksum', async ({ page }) => {
  await openDataJourney(page, 'fr')
})
