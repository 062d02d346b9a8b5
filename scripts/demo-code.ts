// Prints the current 6-digit sign-in code for a demo or test user (stands in for their phone).
// Usage: npm run demo:code -- officer@hackwell.example
import { currentTotp } from "@/lib/security/totp";
import { demoTotpSecret } from "../prisma/factories";

const email = process.argv[2];
if (!email) {
  console.error("Usage: npm run demo:code -- <email>");
  process.exit(1);
}
console.log(currentTotp(demoTotpSecret(email)));
