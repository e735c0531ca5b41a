// Two packages patched for the production server only (decision 023, "Uncached renders, session 9").
// Both patches change how much work is done, never what comes out.
//
// `node_modules` is shared between checkouts and never edited in place. scripts/build-server.mjs
// writes each patched file to build/app-server/patched/ and loads this file first in server.js
// (`import './server-package-patches.cjs'`, before any package): it puts each patched source in
// `require.cache` under the package file's own name, so every `require` of it (server-runtime,
// react-router, @remix-run/react, react-dom/server) gets it. When the installed version is not the
// one a file was made from, or the file is missing (`tsx server.ts`, dev, tests of modules),
// nothing is replaced. tests/integration/server-package-patches.test.ts compares the results.
//
// 1. @remix-run/router 1.x: route matching.
// `matchRoutes` flattens and ranks the whole route tree (~120 routes here) and compiles each route
// path it tries into a RegExp on every call, and Remix calls it five times per document (request
// handler, static handler, <RemixServer>'s router, its partial manifest, our metrics): 13 % of the
// server's CPU for a logged-in home page. Caches, same results:
//   - `compilePath(path, caseSensitive, end)` is a pure function of its arguments (a RegExp
//     without the g/y flags, so stateless, and the list of its parameters, only read): memoised,
//     bounded;
//   - the flattened and ranked branches of a routes array are kept per array (WeakMap), and which
//     branch a pathname matched is remembered per tree *shape* (paths, index and caseSensitive
//     flags, order of children): the next match of that pathname on a tree of that shape — the
//     same tree, or the one Remix builds again for each render — tries that branch only, built
//     from the tree's own route objects; the matches returned are new objects every time, as
//     before. On the server a route tree is built once and never changed afterwards (lazy route
//     discovery patches only the browser's router, which this file never reaches).
//
// 2. react-dom 18 server (renderToPipeableStream, production build): writing the HTML.
// React writes a page as thousands of small pieces (a tag, an attribute name, a value), each
// encoded to UTF-8 on its own into a 2 KB buffer (`encodeInto` plus a new view per piece), static
// pieces pre-encoded; that was ~10 % of the server's CPU for the home page. Patched, the pieces are
// joined as a JavaScript string and encoded once per 16 K characters and at the end of each flush:
// the same bytes (without the NUL bytes React 18 leaves at a 2 KB buffer's end, facebook/react#26228),
// written at the same moments (every flush still ends with its write).
'use strict'
const fs = require('node:fs')
const path = require('node:path')
const Module = require('node:module')

const MARK = '/* taswiq: patched, see scripts/server-package-patches.cjs */'

const routerEdits = [
  {
    from: `  let branches = flattenRoutes(routes);
  rankRouteBranches(branches);
  let matches = null;
  let decoded = decodePath(pathname);
  for (let i = 0; matches == null && i < branches.length; ++i) {`,
    to: `  ${MARK}
  let decoded = decodePath(pathname);
  let tree = routeTreeOf(routes);
  let shape = tree.shape;
  let memoKey = (allowPartial ? "1" : "0") + decoded;
  let known = shape.matched.get(memoKey);
  if (known === -1) return null;
  if (known !== undefined) {
    let branch = tree.branches ? tree.branches[known] : branchOf(routes, shape.templates[known]);
    let found = matchRouteBranch(branch, decoded, allowPartial);
    if (found) return found;
  }
  let branches = tree.branches;
  if (!branches) {
    branches = flattenRoutes(routes);
    rankRouteBranches(branches);
    tree.branches = branches;
  }
  let matches = null;
  let i = 0;
  for (; matches == null && i < branches.length; ++i) {`,
  },
  {
    from: `    matches = matchRouteBranch(branches[i], decoded, allowPartial);
  }
  return matches;
}`,
    to: `    matches = matchRouteBranch(branches[i], decoded, allowPartial);
  }
  // Paths come from requests: the memo is bounded.
  if (shape.matched.size >= 5000) shape.matched.clear();
  shape.matched.set(memoKey, matches ? i - 1 : -1);
  return matches;
}

// The ranked branches of a route tree depend only on each route's path, index and caseSensitive
// flags and on the children's order ("shape"); which branch a pathname matches depends only on the
// shape and the pathname. Trees are remembered by identity (WeakMap), shapes by a signature, so a
// tree built again with the same shape (Remix builds one per render) finds the branch at once and
// only that branch is built from the tree's own route objects.
const treesByRoutes = new WeakMap();
const shapesBySignature = new Map();
function shapeSignature(routes) {
  let signature = "[";
  for (let i = 0; i < routes.length; i++) {
    let route = routes[i];
    signature += (route.index === true ? "i" : "r") + (route.caseSensitive === true ? "c" : "") + (route.path == null ? "~" : route.path.length + ":" + route.path);
    if (route.children && route.children.length > 0) signature += shapeSignature(route.children);
    signature += ",";
  }
  return signature + "]";
}
function routeTreeOf(routes) {
  let tree = treesByRoutes.get(routes);
  if (tree) return tree;
  let signature = shapeSignature(routes);
  let shape = shapesBySignature.get(signature);
  let branches = null;
  if (!shape) {
    branches = flattenRoutes(routes);
    rankRouteBranches(branches);
    shape = {
      matched: new Map(),
      templates: branches.map(branch => ({
        path: branch.path,
        score: branch.score,
        routesMeta: branch.routesMeta.map(meta => ({
          relativePath: meta.relativePath,
          caseSensitive: meta.caseSensitive,
          childrenIndex: meta.childrenIndex
        }))
      }))
    };
    if (shapesBySignature.size >= 50) shapesBySignature.clear();
    shapesBySignature.set(signature, shape);
  }
  tree = { shape, branches };
  treesByRoutes.set(routes, tree);
  return tree;
}
function branchOf(routes, template) {
  let children = routes;
  let routesMeta = template.routesMeta.map(meta => {
    let route = children[meta.childrenIndex];
    children = route.children;
    return {
      relativePath: meta.relativePath,
      caseSensitive: meta.caseSensitive,
      childrenIndex: meta.childrenIndex,
      route
    };
  });
  return { path: template.path, score: template.score, routesMeta };
}`,
  },
  {
    from: `function compilePath(path, caseSensitive, end) {
  if (caseSensitive === void 0) {`,
    to: `const compiledPathCache = new Map();
function compilePath(path, caseSensitive, end) {
  let variants = compiledPathCache.get(path);
  if (variants === undefined) {
    // Route paths are few; matchPath called with other patterns cannot grow it without bound.
    if (compiledPathCache.size >= 2000) compiledPathCache.clear();
    variants = [undefined, undefined, undefined, undefined];
    compiledPathCache.set(path, variants);
  }
  let slot = (caseSensitive === true ? 2 : 0) + (end === false ? 0 : 1);
  let compiled = variants[slot];
  if (compiled === undefined) {
    compiled = compilePathUncached(path, caseSensitive, end);
    variants[slot] = compiled;
  }
  return compiled;
}
function compilePathUncached(path, caseSensitive, end) {
  if (caseSensitive === void 0) {`,
  },
]

const reactDomServerEdits = [
  {
    // Static pieces stay strings: encoded with the rest.
    from: `function x(a){return u.encode(a)}`,
    to: `function x(a){return a}`,
  },
  {
    from: /function r\(a,b\)\{if\("string"===typeof b\)\{.*?\}function t\(a,b\)\{/s,
    to: `${MARK}var taswiqHtml="";function r(a,b){"string"===typeof b?0!==b.length&&(taswiqHtml+=b,16384<=taswiqHtml.length&&(t(a,u.encode(taswiqHtml)),taswiqHtml="")):0!==b.byteLength&&(0<taswiqHtml.length&&(t(a,u.encode(taswiqHtml)),taswiqHtml=""),t(a,b))}function t(a,b){`,
  },
  {
    from: `function ca(a){k&&0<l&&a.write(k.subarray(0,l));k=null;l=0;q=!0}`,
    to: `function ca(a){0<taswiqHtml.length&&(a.write(u.encode(taswiqHtml)),taswiqHtml="");k=null;l=0;q=!0}`,
  },
]

/** The patched packages: the file each replaces (resolved from here, as the server resolves it) and the edits. */
const patches = [
  {
    name: '@remix-run/router',
    file: () => require.resolve('@remix-run/router'),
    edits: routerEdits,
    summary: 'memoised route matching',
  },
  {
    name: 'react-dom',
    file: () => path.join(path.dirname(require.resolve('react-dom/package.json')), 'cjs', 'react-dom-server.node.production.min.js'),
    edits: reactDomServerEdits,
    summary: 'HTML encoded in large pieces',
  },
]

function packageVersion(name) {
  return JSON.parse(fs.readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version
}

/** The patched source, or null when it is not the code the edits were written for (each edit must apply exactly once). */
function patchSource(source, edits) {
  if (source.includes(MARK)) return null
  // The package's source map describes the unpatched lines.
  let patched = source.replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n')
  for (const { from, to } of edits) {
    const count = typeof from === 'string' ? patched.split(from).length - 1 : (patched.match(new RegExp(from.source, `${from.flags}g`)) ?? []).length
    if (count !== 1) return null
    patched = patched.replace(from, () => to)
  }
  return patched
}

const patchedFileName = (patch) => `${patch.name.replace(/[@/]/g, '_')}.cjs`

/** Writes the patched files into `outDir`; returns one line per package for the build log. */
function writePatchedPackages(outDir) {
  fs.mkdirSync(outDir, { recursive: true })
  return patches.map((patch) => {
    const version = packageVersion(patch.name)
    const patched = patchSource(fs.readFileSync(patch.file(), 'utf8'), patch.edits)
    if (!patched) return `server-package-patches: ${patch.name} ${version} changed; left as it is (check scripts/server-package-patches.cjs)`
    fs.writeFileSync(path.join(outDir, patchedFileName(patch)), `// ${patch.name} ${version}\n${patched}`)
    return `server-package-patches: ${patch.name} ${version} patched (${patch.summary})`
  })
}

/** Loads `source` as the module of `file` and puts it in require.cache; false when that file is already loaded. */
function installSource(file, source) {
  // An entry not loaded yet is the placeholder Node's ES module loader makes while it reads the
  // exports of the CommonJS packages server.js imports: it is the object everyone gets, so it is
  // the one filled. A loaded one: too late to replace.
  const placeholder = require.cache[file]
  if (placeholder?.loaded) return false
  const mod = placeholder ?? new Module(file, module)
  mod.filename = file
  mod.paths = Module._nodeModulePaths(path.dirname(file))
  mod._compile(source, file)
  mod.loaded = true
  require.cache[file] = mod
  return true
}

/** Installs each patched file of `dir` made from the installed version; returns the names installed. */
function installPatchedPackages(dir) {
  const installed = []
  for (const patch of patches) {
    const patchedFile = path.join(dir, patchedFileName(patch))
    if (!fs.existsSync(patchedFile)) continue
    const source = fs.readFileSync(patchedFile, 'utf8')
    const header = /^\/\/ (\S+) (\S+)\n/.exec(source)
    if (!header || header[1] !== patch.name || header[2] !== packageVersion(patch.name)) continue
    if (installSource(patch.file(), source.slice(header[0].length))) installed.push(patch.name)
  }
  return installed
}

module.exports = { patches, patchSource, writePatchedPackages, installPatchedPackages, installSource, MARK }

// Loaded by the compiled server (build/app-server/server.js imports it first).
if (path.basename(__dirname) === 'app-server') installPatchedPackages(path.join(__dirname, 'patched'))
