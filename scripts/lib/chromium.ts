// Playwright must not download browsers (CI reaches only npm and Debian): use Debian's Chromium.
import { execSync } from "node:child_process";
import fs from "node:fs";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function ensureChromium(log: (m: string) => void = console.log): void {
  if (fs.existsSync(CHROMIUM)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`Chromium not found at ${CHROMIUM}. Install it with: sudo apt-get install -y chromium (or set CHROMIUM_PATH).`);
  }
  log("Installing Chromium from Debian's packages (apt-get install -y chromium) …");
  execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null", { stdio: "inherit" });
  if (!fs.existsSync(CHROMIUM)) throw new Error("Chromium install did not produce /usr/bin/chromium");
}
