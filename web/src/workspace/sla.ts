// SLA countdowns of the task inbox.

/** How a due time reads next to now: overdue, due soon or on time. */
export interface Countdown {
  state: 'none' | 'overdue' | 'soon' | 'ok';
  /** Whole minutes left (negative when overdue). */
  minutes: number;
}

/** Where a task due at due stands at now; soon means within an hour. */
export function countdown(due: string | null | undefined, now: number): Countdown {
  if (!due) return { state: 'none', minutes: 0 };
  const ms = Date.parse(due) - now;
  if (Number.isNaN(ms)) return { state: 'none', minutes: 0 };
  const minutes = Math.trunc(ms / 60000);
  if (ms < 0) return { state: 'overdue', minutes };
  return { state: ms <= 3600000 ? 'soon' : 'ok', minutes };
}

/** Formats minutes as "1d 2h 5m"-like parts: [days, hours, minutes]. */
export function splitMinutes(total: number): [number, number, number] {
  const m = Math.abs(total);
  return [Math.floor(m / 1440), Math.floor((m % 1440) / 60), m % 60];
}
