// Builds the field page's script and stylesheet into static/dist/ (run scripts/build-frontend.sh).
//
// One minified module instead of a dozen (Leaflet included, from its ES sources, only the parts the
// page uses), and Leaflet's stylesheet minified. The outputs are committed: the app and its tests
// never run node. build.json records the SHA-256 of every input and output; tests/test_assets.py
// recomputes them and fails when a source changed without a rebuild.
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const out = path.join(root, "static", "dist");
const relative = (file) => path.relative(root, path.resolve(root, file)).split(path.sep).join("/");
const sha256 = (file) => createHash("sha256").update(readFileSync(path.resolve(root, file))).digest("hex");

// Leaflet modules the field page never reaches, replaced by stubs: Canvas (the map draws with SVG;
// Renderer.getRenderer imports both) and VML (Internet Explorer 8's SVG).
const STUBS = {
  "Renderer.getRenderer.js ./Canvas": "export function canvas() { return null; }",
  "SVG.js ./SVG.VML": "export var vmlMixin = {}; export function vmlCreate() {}",
};
const stubs = {
  name: "leaflet-stubs",
  setup(build) {
    build.onResolve({ filter: /^\.\/(Canvas|SVG\.VML)$/ }, (args) => {
      const key = `${path.basename(args.importer)} ${args.path}`;
      if (key in STUBS && args.importer.includes(`${path.sep}leaflet${path.sep}src${path.sep}`)) {
        return { path: key, namespace: "leaflet-stub" };
      }
      return undefined;
    });
    build.onLoad({ filter: /.*/, namespace: "leaflet-stub" }, (args) => ({
      contents: STUBS[args.path],
      loader: "js",
    }));
  },
};

const common = {
  absWorkingDir: here,
  bundle: true,
  minify: true,
  metafile: true,
  logLevel: "warning",
  legalComments: "none", // Leaflet's licence is the file beside the bundle
  banner: { js: "/* walkapp field page. Includes Leaflet 1.9.4, BSD-2-Clause: LICENSE-leaflet.txt */" },
};

const script = await esbuild.build({
  ...common,
  entryPoints: ["src/field.js"],
  outfile: path.join(out, "field.js"),
  format: "esm",
  target: "es2020",
  inject: ["src/leaflet.js"], // the field modules name Leaflet as the global `L`
  plugins: [stubs],
});
const style = await esbuild.build({
  ...common,
  entryPoints: ["src/field.css"],
  outfile: path.join(out, "field.css"),
  target: ["chrome90", "firefox90", "safari15"],
  banner: { css: "/* walkapp field page. Includes Leaflet 1.9.4's stylesheet, BSD-2-Clause: LICENSE-leaflet.txt */" },
  // leaflet.css names its images relative to itself; the field page draws its own pins and has no
  // layers control, so none of them is ever shown there: the URLs are left as they are.
  external: ["*.png", "*.svg"],
});
mkdirSync(out, { recursive: true });
copyFileSync(path.join(here, "node_modules", "leaflet", "LICENSE"), path.join(out, "LICENSE-leaflet.txt"));

// Inputs: every bundled file outside node_modules (those are pinned by package-lock.json), the
// lock file and this script. Sorted, so that an unchanged tree writes an unchanged manifest.
const inputs = new Set(["frontend/build.mjs", "frontend/package.json", "frontend/package-lock.json"]);
for (const result of [script, style]) {
  for (const file of Object.keys(result.metafile.inputs)) {
    if (file.includes(":") || file.includes("node_modules/")) continue; // stubs, packages
    inputs.add(relative(path.join("frontend", file)));
  }
}
const manifest = {
  note: "Written by scripts/build-frontend.sh; tests/test_assets.py checks it. Do not edit.",
  inputs: Object.fromEntries([...inputs].sort().map((file) => [file, sha256(file)])),
  outputs: Object.fromEntries(
    ["field.css", "field.js", "LICENSE-leaflet.txt"].map((name) => [name, sha256(path.join(out, name))])
  ),
};
writeFileSync(path.join(out, "build.json"), JSON.stringify(manifest, null, 2) + "\n");
for (const name of Object.keys(manifest.outputs)) {
  console.log(`static/dist/${name}: ${readFileSync(path.join(out, name)).length} bytes`);
}
