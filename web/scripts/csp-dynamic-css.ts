// A Vite plugin that replaces @rc-component/util's Dom/dynamicCSS module
// with src/app/dynamicCSS.ts everywhere but in that file itself, so no
// antd helper adds an inline <style> the server's CSP would refuse.
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const target = /[\\/]@rc-component[\\/]util[\\/]es[\\/]Dom[\\/]dynamicCSS\.js$/;

/** The plugin. */
export function cspDynamicCSS(): Plugin {
  const shim = fileURLToPath(new URL('../src/app/dynamicCSS.ts', import.meta.url));
  return {
    name: 'formwork-csp-dynamic-css',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!/dynamicCSS(\.js)?$/.test(source) || importer === shim) return null;
      const r = await this.resolve(source, importer, { ...options, skipSelf: true });
      return r && target.test(r.id) ? shim : null;
    },
  };
}
