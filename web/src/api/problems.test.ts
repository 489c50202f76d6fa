import { describe, expect, it } from 'vitest';
import { ApiProblem } from './client';
import { fieldErrors, pointerTokens } from './problems';

function problem(...pointers: string[]) {
  return new ApiProblem(422, { errors: pointers.map((p) => ({ pointer: p, code: 'required',
    message: `${p} is wrong` })) });
}

describe('pointerTokens', () => {
  it('decodes ~1 and ~0', () => {
    expect(pointerTokens('/a~1b/c~0d')).toEqual(['a/b', 'c~d']);
    expect(pointerTokens('')).toEqual([]);
  });
});

describe('fieldErrors', () => {
  it('maps body pointers under /data to their top-level field', () => {
    const got = fieldErrors(problem('/data/budget_cycle', '/data/products/2/product', '/form'));
    expect(got).toEqual({ budget_cycle: ['/data/budget_cycle is wrong'],
      products: ['/data/products/2/product is wrong'], form: ['/form is wrong'] });
  });

  it('maps data-relative pointers and keeps field-less errors under ""', () => {
    const got = fieldErrors(problem('/pain_level', ''), 'data');
    expect(got).toEqual({ pain_level: ['/pain_level is wrong'], '': [' is wrong'] });
  });

  it('ignores what is not a problem', () => {
    expect(fieldErrors(new Error('x'))).toEqual({});
  });
});
