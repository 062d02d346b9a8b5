// Everything a database needs before the app can use it: exists, migrated, app role can log in.
import { installJobQueue } from "@/lib/jobs/install";
import { ensureDatabase, enableAppRoleLogin, migrateDeploy } from "./migrate";

export async function prepareDatabase(ownerUrl: string, appPassword: string, log: (m: string) => void = console.log): Promise<void> {
  await ensureDatabase(ownerUrl);
  log("Applying database migrations …");
  migrateDeploy(ownerUrl);
  await installJobQueue(ownerUrl);
  await enableAppRoleLogin(ownerUrl, appPassword);
}
