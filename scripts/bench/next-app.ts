// The benchmarks' app server: a free port, and `next start` (the build this checkout made, on the
// Node running the bench) against the bench's database, returned once /api/health answers.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { projectRoot } from "../lib/postgres";

export async function freePort(from: number): Promise<number> {
  for (let port = from; port < from + 100; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer().once("error", () => resolve(false));
      probe.listen(port, () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port from ${from}`);
}

/** `next start` on `port` with the app role's database URL; `nodeArgs` go before Next's CLI (e.g. --cpu-prof). */
export async function startNextApp(options: { port: number; appUrl: string; env?: Record<string, string>; nodeArgs?: string[] }): Promise<ChildProcess> {
  const base = `http://localhost:${options.port}`;
  const nextCli = path.join(projectRoot, "node_modules", "next", "dist", "bin", "next");
  const app = spawn(process.execPath, [...(options.nodeArgs ?? []), nextCli, "start", "-p", String(options.port)], {
    cwd: projectRoot,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, DATABASE_URL: "", APP_DATABASE_URL: options.appUrl, APP_URL: base, NEXTAUTH_URL: base, DEMO_MODE: "1", NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", ...options.env },
  });
  let exited = false;
  app.once("exit", () => (exited = true));
  for (let i = 0; i < 120; i++) {
    if (exited) throw new Error(`next start exited (is port ${options.port} taken?)`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return app;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  app.kill("SIGTERM");
  throw new Error("next start did not become healthy");
}
