import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [react()],
  root: ".",
  publicDir: "client/public",
  build: {
    outDir: "dist/client",
    emptyOutDir: true,
    sourcemap: false,
    target: "es2022",
    // Inline nothing: the Content-Security-Policy allows only same-origin files.
    assetsInlineLimit: 0,
    // The benchmark reads the chunk graph to measure each page's first-load JavaScript.
    manifest: true,
  },
});
