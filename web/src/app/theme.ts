import type { ThemeConfig } from 'antd';

/**
 * The server's Content-Security-Policy allows no inline style, so antd's
 * CSS-in-JS must not inject <style> elements. In zero-runtime mode antd
 * generates no styles at run time; its static stylesheet (antd/dist/antd.css,
 * imported in main.tsx) is bundled as a file of our own origin. React's
 * `style` props are set through the CSSOM, which CSP does not restrict.
 *
 * That stylesheet has no hashed selectors and declares the design tokens
 * (CSS variables) on the class `css-var-_R_0_`, the key antd's own build
 * gave its root provider; ours must carry the same class.
 */
export const theme: ThemeConfig = {
  zeroRuntime: true,
  hashed: false,
  cssVar: { key: 'css-var-_R_0_' },
};

/**
 * Where antd's CSS-in-JS puts the few <style> elements it writes even in
 * zero-runtime mode (the design-token variables, which antd.css already
 * declares): an element that is never attached to the document, so the
 * browser neither applies them nor reports them as CSP violations.
 */
export const styleSink: HTMLElement | undefined =
  typeof document === 'undefined' ? undefined : document.createElement('div');
