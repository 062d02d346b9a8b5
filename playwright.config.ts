import { defineConfig, devices } from "@playwright/test";

// End-to-end tests drive Debian's Chromium against `next start` (built by scripts/test.ts).
// Run them through `npm test -- e2e`, which prepares the database and the environment.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${PORT}`;

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  outputDir: "test-results/e2e-artifacts",
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        ...(process.getuid?.() === 0 ? ["--no-sandbox"] : []),
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    // The Node running Playwright (24, from node_modules/.bin) also runs the server.
    // On loopback, as `npm start` serves the demo: the dev mailbox answers only this machine.
    command: `"${process.execPath}" node_modules/next/dist/bin/next start -p ${PORT} -H 127.0.0.1`,
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      APP_URL: baseURL,
      NEXTAUTH_URL: baseURL,
      DEMO_MODE: "1",
      LISTEN_HOST: "127.0.0.1",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
