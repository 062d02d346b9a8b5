// One `npm test` at a time per checkout. Since a script finds the embedded PostgreSQL already
// running on its data directory and uses it (scripts/lib/postgres.ts), a second `npm test` in the
// same checkout would share the first one's server, and its start (a fresh template, leftovers
// dropped) would drop the databases the first run is using mid-test. The lock is one atomic step
// (O_EXCL create); a lock whose process is gone is taken over.
import fs from "node:fs";

export type TRunLock = { release: () => void };

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the lock file for this process, or throws saying which live process holds it. */
export function acquireRunLock(file: string, pid = process.pid): TRunLock {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, "wx");
      fs.writeSync(fd, String(pid));
      fs.closeSync(fd);
      return {
        release: () => {
          if (fs.existsSync(file) && fs.readFileSync(file, "utf8").trim() === String(pid)) fs.rmSync(file);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number(fs.readFileSync(file, "utf8").trim());
      if (Number.isInteger(holder) && holder > 0 && alive(holder))
        throw new Error(`another npm test is running in this checkout (process ${holder}); wait for it to finish, or stop it`);
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`could not take the test lock ${file}`);
}
