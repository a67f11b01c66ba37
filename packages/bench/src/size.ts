/**
 * Bundle size of a one-call app: esbuild (pinned) bundles and minifies it for the browser-less ESM target a
 * server app uses, and the result is gzipped at level 9, as size-limit and bundlephobia report it.
 */
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import type { App } from "./apps.js";

const packageDir = fileURLToPath(new URL("..", import.meta.url));

export interface BundleSize {
  minified: number;
  gzipped: number;
}

export async function bundleSize(app: App): Promise<BundleSize> {
  const code = await bundle(app);
  return { minified: code.byteLength, gzipped: gzipSync(code, { level: 9 }).byteLength };
}

/** The app bundled and minified, as it would ship. */
export async function bundle(app: App): Promise<Uint8Array> {
  const result = await build({
    stdin: {
      contents: `${app.setup}\n${app.call}\n`,
      resolveDir: packageDir,
      sourcefile: "app.mjs",
      loader: "js",
    },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "node",
    target: "node20",
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]!.contents;
}
