// The calendar editor's model: the content of a calendar definition
// (designer/calendar's JSON), the text forms the editor shows for it, and
// where the server's findings land on the editor's fields.
import { pointerTokens } from '../api/problems';
import type { FieldProblem } from '../api/client';

/** The weekdays in the order the editor lists them, as the JSON keys. */
export const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday',
  'sunday'] as const;

/** A weekday's JSON key. */
export type Weekday = (typeof weekdays)[number];

/** A stretch of working time of one day, "09:00" to "12:00". */
export interface Interval {
  start: string;
  end: string;
}

/** A range of dates off, both ends included. */
export interface Closure {
  start: string;
  end: string;
  name?: Record<string, string>;
}

/** A calendar as the definition's content holds it under "calendar". */
export interface CalendarDoc {
  time_zone: string;
  working_hours: Partial<Record<Weekday, Interval[]>>;
  holidays?: string[];
  make_up_days?: string[];
  closures?: Closure[];
  /**
   * teams are the team names (as in people's team) whose work this
   * calendar times when a step leaves its calendar to the team; none
   * means the calendar is for no team in particular.
   */
  teams?: string[];
}

/** The content of a calendar definition. */
export interface CalendarContent {
  calendar: CalendarDoc;
}

/** A new calendar: Monday to Friday, 09:00–12:00 and 13:30–18:00. */
export function blankCalendar(timeZone = 'Asia/Shanghai'): CalendarDoc {
  const day = () => [{ start: '09:00', end: '12:00' }, { start: '13:30', end: '18:00' }];
  return { time_zone: timeZone, working_hours: { monday: day(), tuesday: day(),
    wednesday: day(), thursday: day(), friday: day() } };
}

/** Writes a day's intervals as "09:00-12:00, 13:30-18:00". */
export function formatHours(list: Interval[] | undefined): string {
  return (list ?? []).map((i) => `${i.start}-${i.end}`).join(', ');
}

/**
 * Reads a day's intervals from text; null when a part is not start-end.
 * The times themselves are the server's to check, so its messages apply.
 */
export function parseHours(text: string): Interval[] | null {
  const parts = text.split(/[,，;；]/).map((p) => p.trim()).filter(Boolean);
  const out: Interval[] = [];
  for (const p of parts) {
    const m = /^(\d{1,2}:\d{2})\s*[-–~至]\s*(\d{1,2}:\d{2})$/.exec(p);
    if (!m) return null;
    out.push({ start: m[1].padStart(5, '0'), end: m[2].padStart(5, '0') });
  }
  return out;
}

/** The editor field a finding's pointer concerns. */
export function fieldOf(pointer: string): string {
  const tk = pointerTokens(pointer);
  const rest = tk[0] === 'calendar' ? tk.slice(1) : tk;
  switch (rest[0]) {
    case 'working_hours':
      return rest[1] ? `hours.${rest[1]}` : 'hours';
    case 'closures':
      return rest[1] !== undefined ? `closures.${rest[1]}` : 'closures';
    case 'name':
      return rest[1] ? `name.${rest[1]}` : 'name';
    case undefined:
      return '';
    default:
      return rest[0];
  }
}

/** Groups findings' messages by the editor field they concern. */
export function findingsByField(list: FieldProblem[] | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of list ?? []) (out[fieldOf(f.pointer)] ??= []).push(f.message || f.code);
  return out;
}

/** The team choices of the editor: teams in use and those already chosen, sorted, once each. */
export function teamChoices(inUse: string[], chosen: string[] | undefined): string[] {
  return [...new Set([...inUse, ...(chosen ?? [])].map((n) => n.trim()).filter(Boolean))]
    .sort((a, b) => a.localeCompare(b));
}

/** The teams list to store: trimmed, once each, omitted when empty. */
export function cleanTeams(list: string[]): string[] | undefined {
  const out = [...new Set(list.map((n) => n.trim()).filter(Boolean))];
  return out.length ? out : undefined;
}

/** The IANA zones the browser knows, or a few common ones. */
export function timeZones(): string[] {
  const intl = Intl as { supportedValuesOf?: (k: string) => string[] };
  const known = intl.supportedValuesOf?.('timeZone') ?? [];
  return known.length ? known : ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Singapore',
    'Asia/Tokyo', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'UTC'];
}
