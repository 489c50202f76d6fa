/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { chunkReport } from './scripts/chunk-report.ts';
import { cspDynamicCSS } from './scripts/csp-dynamic-css.ts';

// The built files are embedded in the Go binary (web/embed.go) and served
// under a Content-Security-Policy without 'unsafe-inline': no inline
// script or style may be emitted, and antd runs in zero-runtime mode with
// its static stylesheet (see src/app/theme.ts).
export default defineConfig({
  plugins: [react(), cspDynamicCSS(), chunkReport()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    manifest: true,
    sourcemap: false,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        entryFileNames: 'assets/app-[hash].js',
        chunkFileNames: 'assets/[name]-[hash].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
      },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/app/testSetup.ts'],
    css: false,
    // Generous for the same busy machine; a test that hangs still fails.
    testTimeout: 60000,
  },
});
