#!/usr/bin/env node
// A drop-in for Prisma's native schema engine, built on the WebAssembly engine Prisma publishes
// on npm (@prisma/schema-engine-wasm) and @prisma/adapter-pg as its database driver.
// The Prisma CLI runs it (PRISMA_SCHEMA_ENGINE_BINARY, set by scripts/prisma/prisma.mjs) in two
// ways, both mirrored here:
//   schema-engine --datamodels <file>... --datasource <json>      JSON-RPC 2.0, one message a line
//   schema-engine --datasource <json> cli <command>               one-shot: can-connect-to-database,
//                                                                 create-database, drop-database
// Logs and errors go to stderr as the native engine's JSON log lines, which the CLI parses.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import readline from "node:readline";

const require = createRequire(import.meta.url);
const wasmDir = path.dirname(require.resolve("@prisma/schema-engine-wasm"));

// A crash must never look like success to the CLI: exit code 101 is how it recognises a panic.
process.on("uncaughtException", (error) => {
  process.stderr.write(`${JSON.stringify({ timestamp: new Date().toISOString(), level: "ERROR", fields: { message: String(error?.stack ?? error) }, target: "schema_engine::panic" })}\n`);
  process.exit(101);
});
process.on("unhandledRejection", (error) => {
  process.stderr.write(`${JSON.stringify({ timestamp: new Date().toISOString(), level: "ERROR", fields: { message: String(error?.stack ?? error) }, target: "schema_engine::panic" })}\n`);
  process.exit(101);
});

// ---------- arguments ----------
const args = process.argv.slice(2);
const datamodelPaths = [];
let datasource = {};
let cliCommand = null;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === "--datamodels") datamodelPaths.push(args[++i]);
  else if (a === "--datasource") datasource = JSON.parse(args[++i]);
  else if (a === "--enabled-preview-features" || a === "--extension-types") i++;
  else if (a === "cli") cliCommand = args[++i];
  else if (a === "--version" || a === "-V") {
    console.log(`schema-engine-wasm ${JSON.parse(fs.readFileSync(path.join(wasmDir, "package.json"), "utf8")).version}`);
    process.exit(0);
  }
}
const url = datasource.url ?? process.env.DATABASE_URL;

function logLine(level, message, extra = {}) {
  process.stderr.write(
    `${JSON.stringify({ timestamp: new Date().toISOString(), level, fields: { message, ...extra }, target: "schema_engine::logger" })}\n`,
  );
}

// ---------- pg: catalog types adapter-pg cannot map ----------
// The engine's catalog queries return Postgres-internal types ("char", regproc, pg_node_tree,
// aclitem, …; which ones varies by server version) that adapter-pg refuses. In this process only,
// read them as text (and arrays of them as text arrays).
{
  const MAPPED = new Set([
    16, 17, 19, 20, 21, 23, 25, 26, 114, 142, 650, 700, 701, 790, 869, 1042, 1043, 1082, 1083, 1114, 1184, 1266, 1560, 1562, 1700, 2950, 3802,
    143, 199, 651, 791, 1000, 1001, 1002, 1005, 1007, 1009, 1014, 1015, 1016, 1021, 1022, 1028, 1041, 1115, 1182, 1183, 1185, 1231, 1561, 1563, 2951, 3807,
  ]);
  const TEXT_ARRAYS = new Set([1003, 1010, 1011, 1012, 1013, 1034, 1008, 1023, 1024, 2211, 1027]);
  const Query = require("pg/lib/query.js");
  const original = Query.prototype.handleRowDescription;
  Query.prototype.handleRowDescription = function (msg) {
    for (const field of msg.fields) {
      if (field.dataTypeID >= 10000 || MAPPED.has(field.dataTypeID)) continue;
      field.dataTypeID = TEXT_ARRAYS.has(field.dataTypeID) ? 1009 : 25;
    }
    return original.call(this, msg);
  };
}
const pg = require("pg");

// ---------- one-shot CLI commands ----------
function pgErrorToPrisma(error, databaseName) {
  if (error?.code === "3D000") return { code: "P1003", message: `Database \`${databaseName}\` does not exist` };
  if (error?.code === "28P01" || error?.code === "28000") return { code: "P1000", message: `Authentication failed against database server: ${error.message}` };
  return { code: "P1001", message: `Can't reach database server: ${error?.message ?? error}` };
}

function withDatabase(connectionString, database) {
  const u = new URL(connectionString);
  u.pathname = `/${database}`;
  return u.toString();
}

async function runCli(command) {
  const databaseName = decodeURIComponent(new URL(url).pathname.replace(/^\//, "")) || "postgres";
  const fail = (error) => {
    const e = pgErrorToPrisma(error, databaseName);
    process.stderr.write("schema-engine cli\n"); // the CLI skips the first stderr line
    logLine("ERROR", e.message, { error_code: e.code });
    process.exit(1);
  };
  const run = async (connectionString, sql) => {
    const client = new pg.Client({ connectionString });
    try {
      await client.connect();
      if (sql) await client.query(sql);
    } finally {
      await client.end().catch(() => {});
    }
  };
  const quoted = `"${databaseName.replaceAll('"', '""')}"`;
  try {
    if (command === "can-connect-to-database") await run(url);
    else if (command === "create-database") await run(withDatabase(url, "postgres"), `CREATE DATABASE ${quoted}`);
    else if (command === "drop-database") await run(withDatabase(url, "postgres"), `DROP DATABASE IF EXISTS ${quoted}`);
    else throw new Error(`Unknown cli command ${command}`);
  } catch (error) {
    fail(error);
  }
  process.exit(0);
}

if (cliCommand) await runCli(cliCommand);

// ---------- the wasm engine ----------
// The engine reports a Rust panic's message through this global before it aborts.
globalThis.PRISMA_WASM_PANIC_REGISTRY = {
  message: "",
  set_message(message) {
    this.message = message;
    logLine("ERROR", `schema engine panic: ${message}`);
  },
};
const bindings = await import(path.join(wasmDir, "schema_engine_bg.js"));
{
  const bytes = fs.readFileSync(path.join(wasmDir, "schema_engine_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bindings });
  bindings.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start?.();
}
const { PrismaPg } = await import("@prisma/adapter-pg");
const { bindMigrationAwareSqlAdapterFactory } = await import("@prisma/driver-adapter-utils");

// adapter-pg's executeScript splits a migration on every ";" — which breaks DO blocks, function
// bodies and comments with semicolons in them. Send the script whole, as the native engine does:
// one simple-protocol query, which PostgreSQL runs as one implicit transaction.
// Discrete fields, not a connectionString: adapter-pg makes the shadow database's pool as
// { ...config, database }, and a connectionString would override that database name.
function poolConfig(connectionString) {
  const { parse } = require("pg-connection-string");
  const c = parse(connectionString);
  return Object.fromEntries(Object.entries({ ...c, port: c.port ? Number(c.port) : undefined }).filter(([, v]) => v !== undefined && v !== null));
}

function wholeScriptFactory(factory) {
  const patch = (adapter) => {
    const proto = Object.getPrototypeOf(adapter);
    if (!proto.__wholeScript) {
      proto.executeScript = async function (script) {
        try {
          await this.client.query(script);
        } catch (error) {
          this.onError(error);
        }
      };
      proto.__wholeScript = true;
    }
    return adapter;
  };
  const connect = factory.connect.bind(factory);
  factory.connect = async () => patch(await connect());
  // adapter-pg's own shadow database drops the database before closing its pool (and fails
  // with "being accessed by other users"); close first, then drop.
  factory.connectToShadowDb = async () => {
    const main = await factory.connect();
    const database = `prisma_migrate_shadow_db_${randomUUID()}`;
    await main.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = patch(await new PrismaPg({ ...factory.config, database }).connect());
    const disposeShadow = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await disposeShadow();
      await main.executeScript(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await main.dispose();
    };
    return shadow;
  };
  return factory;
}

const datamodels = datamodelPaths.map((p) => [p, fs.readFileSync(p, "utf8")]);

let enginePromise;
function engine() {
  enginePromise ??= (async () => {
    if (!url) throw Object.assign(new Error("The datasource URL is missing (set it in prisma.config.ts)"), { errorCode: "P1012" });
    const adapter = bindMigrationAwareSqlAdapterFactory(wholeScriptFactory(new PrismaPg(poolConfig(url))));
    const onLog = (line) => {
      if (typeof line === "string") process.stderr.write(line.endsWith("\n") ? line : `${line}\n`);
    };
    return bindings.SchemaEngine.new({ datamodels: datamodels.length ? datamodels : undefined }, onLog, adapter);
  })();
  return enginePromise;
}

// Methods the native engine answers that the wasm one names differently or lacks.
const extraMethods = {
  async getDatabaseVersion(params) {
    return (await engine()).version(params ?? null);
  },
  async createDatabase() {
    const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
    const client = new pg.Client({ connectionString: withDatabase(url, "postgres") });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
    } finally {
      await client.end();
    }
    return { databaseName: name };
  },
};

/** The engine rejects with user-facing errors; shape them as the native engine's RPC errors. */
function toRpcError(error) {
  let data = null;
  const raw = error?.message ?? error;
  if (typeof raw === "string") {
    try {
      const parsed = JSON.parse(raw);
      if (parsed && typeof parsed === "object") data = parsed;
    } catch {
      /* plain message */
    }
  } else if (raw && typeof raw === "object") {
    data = raw;
  }
  if (!data) data = { is_panic: false, message: String(raw), meta: null, error_code: error?.errorCode ?? null };
  if (data.message === undefined) data.message = String(raw);
  if (data.is_panic === undefined) data.is_panic = false;
  return { code: 4466, message: "An error happened. Check the data field for details.", data };
}

async function handle(request) {
  const { id, method, params } = request;
  try {
    let result;
    if (extraMethods[method]) result = await extraMethods[method](params);
    else {
      const e = await engine();
      if (typeof e[method] !== "function") throw new Error(`Method not supported by the WebAssembly schema engine: ${method}`);
      result = await e[method](params ?? {});
    }
    // The native engine prints a diff through a "print" request to the CLI; the wasm engine
    // returns it as stdout instead. Print it the native way, so `migrate diff` shows it.
    if (method === "diff" && result && typeof result.stdout === "string") {
      await askCli("print", { content: result.stdout });
      result = { exitCode: result.exitCode };
    }
    return { jsonrpc: "2.0", id, result: result === undefined ? null : result };
  } catch (error) {
    return { jsonrpc: "2.0", id, error: toRpcError(error) };
  }
}

// Requests from us to the CLI (only "print"), matched to its answers by id.
let nextOwnId = 1_000_000;
const waiting = new Map();
function askCli(method, params) {
  const id = nextOwnId++;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    process.stdout.write(`${JSON.stringify({ jsonrpc: "2.0", id, method, params })}\n`);
  });
}

// Requests are answered strictly in order: the engine is not re-entrant.
let queue = Promise.resolve();
const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
rl.on("line", (line) => {
  if (!line.trim()) return;
  let request;
  try {
    request = JSON.parse(line);
  } catch {
    return;
  }
  if (request.method === undefined) {
    waiting.get(request.id)?.(request.result);
    waiting.delete(request.id);
    return;
  }
  queue = queue.then(async () => {
    const response = await handle(request);
    process.stdout.write(`${JSON.stringify(response)}\n`);
  });
});
rl.on("close", () => {
  queue.then(() => process.exit(0));
});
