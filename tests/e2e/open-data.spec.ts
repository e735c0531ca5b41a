import { test } from './fixtures'
import { openDataJourney } from './support/open-data-journey'

test.describe.configure({ timeout: 90_000 })

test('the open-data page and the API docs read in Arabic on a phone; a downloaded file matches its checksum', async ({ page }) => {
  await openDataJourney(page, 'ar', 'test-results/screens/open-data-ar-phone.png')
})
