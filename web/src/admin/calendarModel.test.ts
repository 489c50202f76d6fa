import { describe, expect, it } from 'vitest';
import { blankCalendar, cleanTeams, fieldOf, findingsByField, formatHours, parseHours,
  teamChoices } from './calendarModel';

describe('calendar model', () => {
  it('reads and writes a day of working hours', () => {
    expect(parseHours('9:00-12:00， 13:30 – 18:00')).toEqual([
      { start: '09:00', end: '12:00' }, { start: '13:30', end: '18:00' }]);
    expect(parseHours('')).toEqual([]);
    expect(parseHours('9 to 5')).toBeNull();
    expect(formatHours(blankCalendar().working_hours.monday)).toBe('09:00-12:00, 13:30-18:00');
  });

  it('puts findings on the fields they concern', () => {
    expect(fieldOf('/calendar/working_hours/monday/1/end')).toBe('hours.monday');
    expect(fieldOf('/calendar/holidays/3')).toBe('holidays');
    expect(fieldOf('/calendar/closures/0/start')).toBe('closures.0');
    expect(fieldOf('/calendar/time_zone')).toBe('time_zone');
    expect(fieldOf('/name/en')).toBe('name.en');
    expect(findingsByField([{ pointer: '/calendar/make_up_days/0', message: 'bad', code: 'x' },
      { pointer: '', message: '', code: 'whole' }])).toEqual({ make_up_days: ['bad'],
      '': ['whole'] });
  });
});

describe('calendar teams', () => {
  it('offers teams in use and chosen, once each, and stores a clean list', () => {
    expect(teamChoices(['West', 'East'], ['North', 'East '])).toEqual(['East', 'North', 'West']);
    expect(cleanTeams([' East', 'East', '', 'West'])).toEqual(['East', 'West']);
    expect(cleanTeams(['  '])).toBeUndefined();
  });
});
