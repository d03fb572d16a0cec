import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const designerRoot = path.dirname(fileURLToPath(import.meta.url));

/**
 * The designer SPA build. JSX goes through Vite's built-in oxc transform (automatic runtime): @vitejs/plugin-react
 * is not installed and fast refresh is not needed. In development, /api is proxied to the API server
 * ($GONGZHI_API, default http://127.0.0.1:3000) so the app and the API share an origin as in production.
 */
export default defineConfig({
  root: designerRoot,
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: path.join(designerRoot, 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      // Two pages: the staff app, and the owners' small ballot entry (served for /ballot/*; see server/http/designer.ts).
      input: { index: path.join(designerRoot, 'index.html'), ballot: path.join(designerRoot, 'ballot.html') },
      output: {
        // Named chunks for the designer's heavy dependencies, so tests can check a task handler never loads them;
        // React has its own group first, else it would be pulled into React Flow's (its dependency).
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 3 },
            // The owners' ballot page (ballot.html) in few requests on a slow link: the libraries it shares with the
            // staff app in one chunk, its own modules in another (each further chunk costs a phone a round trip).
            {
              name: 'router-query-zod',
              test: /node_modules[\\/](react-router|@tanstack|zod|cookie|set-cookie-parser)[\\/]/,
              priority: 3,
            },
            {
              name: 'ballot-pages',
              test: /designer[\\/]src[\\/](ballot[\\/]|api[\\/](api-error|api-context|ballot-calls)|app[\\/]query-client|work-items[\\/]format)|server[\\/](votes[\\/]ballot-api-schemas|http[\\/]error-body)/,
              priority: 3,
            },
            { name: 'react-flow', test: /node_modules[\\/](@xyflow|d3-[a-z]+|zustand|classcat)[\\/]/, priority: 2 },
            { name: 'elk', test: /node_modules[\\/]elkjs[\\/]/, priority: 1 },
          ],
        },
      },
      onwarn(warning, warn) {
        // @xyflow/react marks itself "use client" for server-component bundlers; meaningless in an SPA.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': { target: process.env.GONGZHI_API ?? 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});
