import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The API server the dev server forwards to (the ASP.NET Core host).
const apiTarget = process.env.PARLEY_API_URL ?? "http://127.0.0.1:5055";

// The policy the server sends. `vite preview` serves the production build under it, so that anything
// the CSP would block (inline scripts or styles) shows up as an error before the server does.
const contentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; " +
  "connect-src 'self' ws: wss:; media-src 'self' blob:; object-src 'none'; base-uri 'self'; " +
  "frame-ancestors 'none'; form-action 'self'; manifest-src 'self'; worker-src 'self'";

const proxy = {
  "/api": { target: apiTarget, changeOrigin: false },
  "/hub": { target: apiTarget, ws: true, changeOrigin: false },
  "/health": { target: apiTarget, changeOrigin: false },
};

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    // Keep every asset a separate file: data: URLs are allowed by the CSP for images only.
    assetsInlineLimit: 0,
  },
  server: {
    host: "127.0.0.1",
    port: 5173,
    strictPort: true,
    proxy,
  },
  preview: {
    host: "127.0.0.1",
    port: 4173,
    strictPort: true,
    proxy,
    headers: { "Content-Security-Policy": contentSecurityPolicy },
  },
});
