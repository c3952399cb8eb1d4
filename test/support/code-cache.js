// A V8 code cache for the Node processes the host and engine lanes start (the engine harness and
// the program it runs, the dynamic-provider hosts), loaded with `node --require` through
// NODE_OPTIONS (test/support/lane-environment.ts). Never part of what users install.
//
// Each of these processes loads @pulumi/pulumi, which loads about 770 files (TypeScript for its
// closure serializer, npm's arborist for its code paths, gRPC, protobuf): about 0.7 s of CPU, a
// good part of it compiling (TypeScript alone: 0.2 s, 0.07 s from the cache). Node 20 has no compile cache of its own (`module.enableCompileCache` is Node 22),
// so this file compiles each CommonJS `.js` module through `vm.Script` with the code V8 made for it
// in an earlier process, and saves that code for the next. The code is taken once the process has
// run a while (`createCachedData` after execution holds every function compiled so far, not only
// the top level), so one cache is kept per kind of process (its main script): a host and a harness
// run use different parts of the same files.
//
// What a module sees is what Node's own loader gives it (the same `require`, `module`, `exports`,
// `__filename`, `__dirname`, line and column numbers); anything else (`.ts` through ts-node, JSON,
// ESM, a module that may call `import()`) goes through Node's loader untouched.
// The cache lives in node_modules/.cache/test-code-cache/, keyed by Node's version, the main script,
// and each file's path, size and modification time; V8 refuses a cache made for other code, and a
// refused cache is made again.
// Plain JavaScript: it runs before anything could compile TypeScript.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const Module = require("module");
const path = require("path");
const v8 = require("v8");
const vm = require("vm");

// V8 refuses a cache made under other flags, and @pulumi/pulumi turns this one on as it loads
// (runtime/closure/v8Hooks.js): on from the start, every cache is made and read under the same flags.
v8.setFlagsFromString("--allow-natives-syntax");

const ROOT = path.join(__dirname, "..", "..", "node_modules", ".cache", "test-code-cache");
/** Wait this long after the last compile before saving (a host is stopped by a signal, not exit). */
const SAVE_AFTER_MS = 250;

const hash = (text) => crypto.createHash("sha1").update(text).digest("hex");
const main = process.argv[1] ? path.resolve(process.argv[1]) : "-";
const dir = path.join(ROOT, `${process.version}-${process.arch}`, hash(main).slice(0, 16));

/** Scripts compiled without a usable cache, to save: [cache file, script]. */
let unsaved = [];
let timer;

function save() {
  if (timer) clearTimeout(timer);
  timer = undefined;
  const batch = unsaved;
  unsaved = [];
  if (batch.length === 0) return;
  try {
    fs.mkdirSync(dir, { recursive: true });
    for (const [file, script] of batch) {
      // Written aside, then renamed: another process never reads half a file.
      const aside = `${file}.${process.pid}`;
      fs.writeFileSync(aside, script.createCachedData());
      fs.renameSync(aside, file);
    }
  } catch {
    // A cache that cannot be written only costs the next process its compile time.
  }
}

function scheduleSave() {
  if (timer) clearTimeout(timer);
  timer = setTimeout(save, SAVE_AFTER_MS);
  timer.unref();
}

process.once("exit", save);

/** The cache file of a module, or undefined when its text is not the file's (a transpiler's output). */
function cacheFile(filename, content) {
  if (!filename.endsWith(".js") && !filename.endsWith(".cjs")) return undefined;
  let stat;
  try {
    stat = fs.statSync(filename);
  } catch {
    return undefined;
  }
  if (stat.size !== Buffer.byteLength(content) && stat.size !== content.length) return undefined;
  return path.join(dir, hash(`${filename}\0${stat.size}\0${stat.mtimeMs}`));
}

// V8 keeps in a cache the key Node gave the script for its dynamic import() callback, and a key of
// another process is unknown here (Node 20: ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING). So a module
// that may call import() is left to Node's loader and never cached: an `import(` outside a quoted
// string on its line, a method or property named import aside (one in a comment or a template
// string counts too: leaving a module to Node is always safe). Checked before a cache is made.
const IMPORT_CALL = /(^|[^\w$.'"`])import\s*\(/gm;

function mayImportDynamically(content) {
  for (const match of content.matchAll(IMPORT_CALL)) {
    const line = content.slice(content.lastIndexOf("\n", match.index) + 1, match.index).replace(/\\./g, "");
    const inQuotes = (quote) => line.split(quote).length % 2 === 0;
    if (!inQuotes('"') && !inQuotes("'")) return true;
  }
  return false;
}

function readCache(file) {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

// The wrapper Node uses, with the module's first line on a line of its own: line and column
// numbers in stack traces and source maps are the file's.
const HEAD = "(function (exports, require, module, __filename, __dirname) {\n";
const TAIL = "\n})";

const nodeCompile = Module.prototype._compile;

Module.prototype._compile = function compile(content, filename) {
  const file = cacheFile(filename, content);
  if (!file) return nodeCompile.call(this, content, filename);
  // A shebang is a comment to V8 only at the very start of a script: keep its length, lose its meaning.
  const source = content.startsWith("#!") ? `//${content.slice(2)}` : content;
  const cachedData = readCache(file);
  if (!cachedData && mayImportDynamically(content)) return nodeCompile.call(this, content, filename);
  let script;
  try {
    script = new vm.Script(HEAD + source + TAIL, { filename, lineOffset: -1, cachedData });
  } catch (e) {
    // Not CommonJS: Node's loader decides (Node 20.19 loads a .js file in ESM syntax as ESM, for
    // require too) or throws its own error.
    if (e instanceof SyntaxError) return nodeCompile.call(this, content, filename);
    throw e;
  }
  if (!cachedData || script.cachedDataRejected) {
    unsaved.push([file, script]);
    scheduleSave();
  }
  const wrapper = script.runInThisContext({ displayErrors: true });
  const mod = this;
  const require = function require(id) {
    return mod.require(id);
  };
  require.resolve = (request, options) => Module._resolveFilename(request, mod, false, options);
  require.resolve.paths = (request) => Module._resolveLookupPaths(request, mod);
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return wrapper.call(mod.exports, mod.exports, require, mod, filename, path.dirname(filename));
};
