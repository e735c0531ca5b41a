// Route matching without recompiling every route on every call, for the production server only
// (decision 023, "Uncached renders, session 9").
//
// @remix-run/router 1.x `matchRoutes` flattens and ranks the whole route tree (~120 routes here)
// and compiles each route path it tries into a RegExp on every call, and Remix calls it five times
// per document (request handler, static handler, <RemixServer>'s router, its partial manifest, our
// metrics): 13 % of the server's CPU for a logged-in home page. Caches, same results:
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
// `node_modules` is shared between checkouts and never edited in place. scripts/build-server.mjs
// writes the patched source to build/app-server/remix-router.cjs and loads this file first in
// server.js (`import './remix-router-patch.cjs'`, before any package): it puts that source in
// `require.cache` under the package's own file name, so every `require('@remix-run/router')`
// (server-runtime, react-router, @remix-run/react) gets it. When the installed version is not the
// one the file was made from, or the file is missing (`tsx server.ts`, dev), nothing is replaced.
'use strict'
const fs = require('node:fs')
const path = require('node:path')
const Module = require('node:module')

const MARK = '/* taswiq: route matching memoised, see scripts/remix-router-patch.cjs */'

const edits = [
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

/** The patched source of router.cjs.js, or null when it is not the code the edits were written for. */
function patchRouterSource(source) {
  if (source.includes(MARK)) return source
  // The package's source map describes the unpatched lines.
  let patched = source.replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n')
  for (const { from, to } of edits) {
    if (patched.split(from).length !== 2) return null
    patched = patched.replace(from, () => to)
  }
  return patched
}

function routerFile() {
  return require.resolve('@remix-run/router')
}

function routerVersion(file) {
  return JSON.parse(fs.readFileSync(path.join(path.dirname(file), '..', 'package.json'), 'utf8')).version
}

/** Writes the patched router next to `outFile`'s folder; returns a sentence for the build log. */
function writePatchedRouter(outFile) {
  const file = routerFile()
  const version = routerVersion(file)
  const patched = patchRouterSource(fs.readFileSync(file, 'utf8'))
  if (!patched) return `remix-router-patch: @remix-run/router ${version} changed; route matching left as it is (check scripts/remix-router-patch.cjs)`
  fs.writeFileSync(outFile, `// @remix-run/router ${version}\n${patched}`)
  return `remix-router-patch: @remix-run/router ${version} patched (memoised route matching)`
}

/** Puts the patched router in require.cache, when it was made from the installed version. */
function installPatchedRouter(patchedFile) {
  if (!fs.existsSync(patchedFile)) return false
  const file = routerFile()
  // An entry not loaded yet is the placeholder Node's ES module loader makes while it reads the
  // exports of the CommonJS packages server.js imports: it is the object everyone gets, so it is
  // the one filled. A loaded one: too late to replace.
  const placeholder = require.cache[file]
  if (placeholder?.loaded) return false
  const source = fs.readFileSync(patchedFile, 'utf8')
  const header = /^\/\/ @remix-run\/router (\S+)\n/.exec(source)
  if (!header || header[1] !== routerVersion(file)) return false
  const mod = placeholder ?? new Module(file, module)
  mod.filename = file
  mod.paths = Module._nodeModulePaths(path.dirname(file))
  mod._compile(source.slice(header[0].length), file)
  mod.loaded = true
  require.cache[file] = mod
  return true
}

module.exports = { patchRouterSource, writePatchedRouter, installPatchedRouter, MARK }

// Loaded by the compiled server (build/app-server/server.js imports it first).
if (path.basename(__dirname) === 'app-server') installPatchedRouter(path.join(__dirname, 'remix-router.cjs'))
