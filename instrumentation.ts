// Runs once when the server starts (Node.js runtime only): see lib/db/startup-check.ts.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { refuseUnsafeDatabaseRole } = await import("@/lib/db/startup-check");
    await refuseUnsafeDatabaseRole();
  }
}
