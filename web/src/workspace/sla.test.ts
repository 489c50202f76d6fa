import { describe, expect, it } from 'vitest';
import { countdown, splitMinutes } from './sla';

const now = Date.parse('2026-12-03T08:00:00Z');

describe('countdown', () => {
  it('marks overdue, soon and on time', () => {
    expect(countdown('2026-12-03T07:30:00Z', now)).toEqual({ state: 'overdue', minutes: -30 });
    expect(countdown('2026-12-03T08:45:00Z', now)).toEqual({ state: 'soon', minutes: 45 });
    expect(countdown('2026-12-03T10:00:00Z', now)).toEqual({ state: 'ok', minutes: 120 });
    expect(countdown(null, now).state).toBe('none');
    expect(countdown('not a time', now).state).toBe('none');
  });

  it('splits minutes into days, hours and minutes', () => {
    expect(splitMinutes(1505)).toEqual([1, 1, 5]);
    expect(splitMinutes(-61)).toEqual([0, 1, 1]);
  });
});
