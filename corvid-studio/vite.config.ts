import { defineConfig } from 'vite';

// The Studio is served by the Corvid server at /studio from the class path (corvid-studio's jar),
// so the build goes to target/classes/studio. `npm run dev` proxies the API to a local server.
export default defineConfig({
  root: 'src/main/web',
  base: '/studio/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: '../../../target/classes/studio',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 1024,
  },
  server: {
    proxy: {
      '^/(databases|admin)': process.env.CORVID_URL ?? 'http://127.0.0.1:8080',
    },
  },
});
