import { defineConfig, devices } from '@playwright/test'

const port = Number(process.env.E2E_PORT ?? 3100)
const baseURL = `http://localhost:${port}`

// Browsers cannot be downloaded on these machines: Debian's Chromium is used (CHROMIUM_PATH overrides).
const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
}

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  timeout: 30_000,
  use: {
    baseURL,
    locale: 'ar-DZ',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions,
  },
  projects: [
    // Phone first: 360 px wide, Arabic. Specs named *.desktop / *.no-js / *.failure run in the projects below.
    {
      name: 'phone-ar',
      use: { ...devices['Pixel 5'], viewport: { width: 360, height: 780 }, launchOptions },
      testIgnore: /\.(desktop|no-js|failure)\.spec\.ts$/,
    },
    { name: 'desktop-fr', use: { ...devices['Desktop Chrome'], locale: 'fr-FR', launchOptions }, testMatch: /\.desktop\.spec\.ts$/ },
    {
      name: 'no-js',
      use: { viewport: { width: 360, height: 780 }, locale: 'ar-DZ', javaScriptEnabled: false, launchOptions },
      testMatch: /\.no-js\.spec\.ts$/,
    },
    // Failure tests: the app on a PostgreSQL cluster of the test's own, which the test stops and starts.
    { name: 'failure', use: { launchOptions }, testMatch: /\.failure\.spec\.ts$/ },
  ],
  webServer: {
    // The built app, as in production, on the test database (DATABASE_URL) or a fresh embedded one.
    command: 'node scripts/e2e-server.mjs',
    url: `${baseURL}/healthz`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: { PORT: String(port) },
  },
})
