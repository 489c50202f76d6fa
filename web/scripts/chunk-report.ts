// A Vite plugin that writes dist/.vite/chunks.json: for every JS chunk its
// source entry, static imports and the npm packages it contains. The Go test
// web/dist_test.go walks it to check that the rep's routes never load the
// process canvas (@xyflow/react) or the charts (echarts).
import type { Plugin } from 'vite';

interface ChunkInfo {
  facade: string;
  imports: string[];
  dynamic_imports: string[];
  packages: string[];
}

/** The npm package of a module id, or '' for our own sources. */
export function packageOf(id: string): string {
  const i = id.lastIndexOf('/node_modules/');
  if (i < 0) return '';
  const rest = id.slice(i + '/node_modules/'.length).split('/');
  return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
}

function relativeId(root: string, id: string): string {
  const clean = id.replace(/\?.*$/, '').replace(/^\0/, '');
  return clean.startsWith(root + '/') ? clean.slice(root.length + 1) : '';
}

/** The plugin. */
export function chunkReport(): Plugin {
  let root = '';
  return {
    name: 'formwork-chunk-report',
    apply: 'build',
    configResolved(c) {
      root = c.root;
    },
    generateBundle(_opts, bundle) {
      const out: Record<string, ChunkInfo> = {};
      for (const name of Object.keys(bundle).sort()) {
        const c = bundle[name];
        if (c.type !== 'chunk') continue;
        const pkgs = new Set(c.moduleIds.map(packageOf).filter(Boolean));
        out[name] = {
          facade: c.facadeModuleId ? relativeId(root, c.facadeModuleId) : '',
          imports: [...c.imports].sort(),
          dynamic_imports: [...c.dynamicImports].sort(),
          packages: [...pkgs].sort(),
        };
      }
      this.emitFile({ type: 'asset', fileName: '.vite/chunks.json',
        source: JSON.stringify(out, null, 1) + '\n' });
    },
  };
}
