import { defineConfig } from "vite";

// The UI is served by the Tauri binary from ui/dist (no dev server): the same
// files are used by `cargo run`, the e2e tests and the installers.
export default defineConfig({
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  base: "./",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // The bundled Japanese font is large; keep it as a file, never inline it.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 800,
  },
  server: { fs: { allow: [".."] } },
  test: { environment: "node", include: ["src/**/*.test.ts"] },
} as never);
