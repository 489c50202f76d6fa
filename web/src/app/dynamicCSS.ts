// A CSP-safe stand-in for @rc-component/util's Dom/dynamicCSS, swapped in
// by the build (scripts/csp-dynamic-css.ts). antd's helpers call
// updateCSS to add <style> elements to document.head at run time, which
// the server's policy (style-src 'self') refuses:
// - the scroll locker of modals and drawers ("html body {overflow-y:
//   hidden}") becomes the same change made through the CSSOM, which the
//   policy allows;
// - every other style without a container of its own (the scrollbar
//   measurer) goes to the detached style sink, where it has no effect;
//   getScrollBarSize then measures the default scrollbar.
// Styles with a container (antd's CSS-in-JS, given the sink by
// StyleProvider) pass through unchanged.
import * as base from '@rc-component/util/es/Dom/dynamicCSS';
import { styleSink } from './theme';

type Options = NonNullable<Parameters<typeof base.updateCSS>[2]>;

const lockPrefix = 'rc-util-locker-';
const locks = new Map<string, string>();
let saved: { overflowY: string; width: string } | null = null;

function applyLocks() {
  const body = document.body;
  if (locks.size === 0) {
    if (saved) {
      body.style.overflowY = saved.overflowY;
      body.style.width = saved.width;
      saved = null;
    }
    return;
  }
  saved ??= { overflowY: body.style.overflowY, width: body.style.width };
  body.style.overflowY = 'hidden';
  body.style.width = [...locks.values()].pop() ?? saved.width;
}

/** Adds or replaces the style of key; see the file comment. */
export function updateCSS(css: string, key: string, option: Options = {}) {
  if (option.attachTo) return base.updateCSS(css, key, option);
  if (key.startsWith(lockPrefix)) {
    const width = /width:\s*(calc\([^;]*\))/.exec(css)?.[1] ?? '';
    locks.set(key, width);
    applyLocks();
    return document.createElement('style');
  }
  return base.updateCSS(css, key, { ...option, attachTo: styleSink });
}

/** Removes the style of key. */
export function removeCSS(key: string, option: Parameters<typeof base.removeCSS>[1] = {}) {
  if (key.startsWith(lockPrefix)) {
    locks.delete(key);
    applyLocks();
    return;
  }
  if (!option.attachTo) {
    base.removeCSS(key, { ...option, attachTo: styleSink });
    return;
  }
  base.removeCSS(key, option);
}

export const injectCSS = base.injectCSS;
export const clearContainerCache = base.clearContainerCache;
