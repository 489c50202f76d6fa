import { useMemo, useState } from 'react';
import { App, Button, Card, Form, Input, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiProblem } from '../api/client';
import { PageState, ProblemAlert, useApi } from '../components';
import { currentLanguage, localText } from '../i18n';
import type { Definition } from '../designer/shared/definitions';
import { useDefinition } from '../designer/shared/useDefinition';
import { useLint } from '../designer/shared/useLint';
import type { UserItem } from '../workspace/api';
import { blankCalendar, cleanTeams, findingsByField, formatHours, parseHours, teamChoices,
  timeZones, weekdays, type CalendarContent, type CalendarDoc, type Closure,
  type Weekday } from './calendarModel';
import { NS } from './locales';
import { teamNames } from './teams';

type Hours = Record<Weekday, string>;
type Names = { en: string; 'zh-CN': string };

/** What the editor holds: the calendar, its names and key, the hours as typed. */
interface Draft {
  key: string;
  name: Names;
  cal: CalendarDoc;
  hours: Hours;
}

function draftOf(key: string, name: Partial<Names>, cal: CalendarDoc): Draft {
  const hours = Object.fromEntries(weekdays.map((d) =>
    [d, formatHours(cal.working_hours[d])])) as Hours;
  return { key, name: { en: name.en ?? '', 'zh-CN': name['zh-CN'] ?? '' }, cal, hours };
}

/** The calendar the draft's hours describe, or the days whose text does not parse. */
function calendarOf(d: Draft): { cal: CalendarDoc; bad: Weekday[] } {
  const bad: Weekday[] = [];
  const week: CalendarDoc['working_hours'] = {};
  for (const day of weekdays) {
    const list = parseHours(d.hours[day]);
    if (list === null) bad.push(day);
    else if (list.length) week[day] = list;
  }
  return { cal: { ...d.cal, working_hours: week }, bad };
}

function status(msgs: string[] | undefined) {
  return msgs?.length ? { validateStatus: 'error' as const, help: msgs.join(' ') } : {};
}

function DateList({ label, msgs, value, onChange }: { label: string;
  msgs?: string[]; value: string[] | undefined; onChange: (v: string[]) => void }) {
  const { t } = useTranslation(NS);
  return (
    <Form.Item label={label} extra={t('calendars.dates_hint')} {...status(msgs)}>
      <Select mode="tags" aria-label={label} value={value ?? []} open={false}
        tokenSeparators={[',', ' ', '，']} onChange={(v: string[]) => onChange([...v].sort())} />
    </Form.Item>
  );
}

/**
 * The teams a calendar is for: the teams people are in (as the Teams tab
 * derives them) to pick from, and any other name typed in.
 */
function TeamSelect({ msgs, value, onChange }: { msgs?: string[]; value: string[] | undefined;
  onChange: (v: string[] | undefined) => void }) {
  const { t } = useTranslation(NS);
  const users = useApi<{ items: UserItem[] | null }>('/api/v1/users?limit=200');
  const options = useMemo(() => teamChoices(teamNames(users.data?.items ?? []), value)
    .map((n) => ({ value: n, label: n })), [users.data, value]);
  return (
    <Form.Item label={t('calendars.teams')} extra={t('calendars.teams_hint')} {...status(msgs)}>
      <Select mode="tags" aria-label={t('calendars.teams')} value={value ?? []}
        options={options} loading={users.loading} tokenSeparators={[',', '，']}
        placeholder={t('calendars.teams_none')}
        onChange={(v: string[]) => onChange(cleanTeams(v))} />
    </Form.Item>
  );
}

function ClosureRows({ value, errs, onChange }: { value: Closure[];
  errs: Record<string, string[]>; onChange: (v: Closure[]) => void }) {
  const { t } = useTranslation(NS);
  const set = (i: number, c: Partial<Closure>) =>
    onChange(value.map((old, j) => (j === i ? { ...old, ...c } : old)));
  return (
    <Form.Item label={t('calendars.closures')} {...status(errs.closures)}>
      {value.map((c, i) => (
        <Form.Item key={i} className="fw-mb" {...status(errs[`closures.${i}`])}>
          <Space wrap>
            <Input aria-label={`${t('calendars.closure_start')} ${i + 1}`} placeholder="2026-07-15"
              value={c.start} onChange={(e) => set(i, { start: e.target.value })} />
            <Input aria-label={`${t('calendars.closure_end')} ${i + 1}`} placeholder="2026-08-31"
              value={c.end} onChange={(e) => set(i, { end: e.target.value })} />
            <Input aria-label={`${t('calendars.closure_name')} ${i + 1}`}
              placeholder={t('calendars.closure_name')} value={localText(c.name)}
              onChange={(e) => set(i, { name: e.target.value
                ? { ...c.name, [currentLanguage()]: e.target.value } : undefined })} />
            <Button onClick={() => onChange(value.filter((_, j) => j !== i))}>
              {t('calendars.remove')}</Button>
          </Space>
        </Form.Item>
      ))}
      <Button onClick={() => onChange([...value, { start: '', end: '' }])}>
        {t('calendars.closure_add')}</Button>
    </Form.Item>
  );
}

function Fields({ d, isNew, errs, onChange }: { d: Draft; isNew: boolean;
  errs: Record<string, string[]>; onChange: (d: Draft) => void }) {
  const { t } = useTranslation(NS);
  const zones = useMemo(() => timeZones().map((z) => ({ value: z, label: z })), []);
  const cal = (c: Partial<CalendarDoc>) => onChange({ ...d, cal: { ...d.cal, ...c } });
  return (
    <Form layout="vertical" name="calendar" component="div">
      <Form.Item label={t('calendars.key')} {...status(errs.key)}>
        <Input value={d.key} disabled={!isNew} aria-label={t('calendars.key')}
          onChange={(e) => onChange({ ...d, key: e.target.value })} />
      </Form.Item>
      {(['zh-CN', 'en'] as const).map((l) => (
        <Form.Item key={l} label={t(l === 'en' ? 'calendars.name_en' : 'calendars.name_zh')}
          {...status([...(errs[`name.${l}`] ?? []), ...(l === 'en' ? errs.name ?? [] : [])])}>
          <Input value={d.name[l]} aria-label={t(l === 'en' ? 'calendars.name_en'
            : 'calendars.name_zh')} onChange={(e) => onChange({ ...d,
            name: { ...d.name, [l]: e.target.value } })} />
        </Form.Item>
      ))}
      <Form.Item label={t('calendars.time_zone')} {...status(errs.time_zone)}>
        <Select showSearch aria-label={t('calendars.time_zone')} value={d.cal.time_zone}
          options={zones} onChange={(v: string) => cal({ time_zone: v })} />
      </Form.Item>
      <TeamSelect msgs={errs.teams} value={d.cal.teams} onChange={(v) => cal({ teams: v })} />
      <Typography.Title level={5}>{t('calendars.hours')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('calendars.hours_hint')}</Typography.Paragraph>
      {weekdays.map((day) => (
        <Form.Item key={day} label={t(`weekday.${day}`)} {...status(errs[`hours.${day}`])}>
          <Input value={d.hours[day]} aria-label={t(`weekday.${day}`)} placeholder="—"
            onChange={(e) => onChange({ ...d, hours: { ...d.hours, [day]: e.target.value } })} />
        </Form.Item>
      ))}
      <DateList label={t('calendars.holidays')} msgs={errs.holidays} value={d.cal.holidays}
        onChange={(v) => cal({ holidays: v })} />
      <DateList label={t('calendars.make_up_days')} msgs={errs.make_up_days}
        value={d.cal.make_up_days} onChange={(v) => cal({ make_up_days: v })} />
      <ClosureRows value={d.cal.closures ?? []} errs={errs}
        onChange={(v) => cal({ closures: v })} />
    </Form>
  );
}

/** The findings of the latest save, else of the live lint, plus unreadable hours. */
function useFindings(body: string | null, saveError: unknown, bad: Weekday[]) {
  const { t } = useTranslation(NS);
  const lint = useLint('calendars', body);
  return useMemo(() => {
    const fields = saveError instanceof ApiProblem && saveError.fields.length
      ? saveError.fields : lint.result?.errors;
    const errs = findingsByField(fields);
    for (const day of bad) errs[`hours.${day}`] = [t('calendars.bad_hours')];
    return { errs, lint };
  }, [saveError, lint, bad, t]);
}

function Editor({ initial, def, onSaved }: { initial: Draft;
  def?: Definition<CalendarContent>; onSaved: (d: Definition<CalendarContent>,
    published?: number) => void }) {
  const { t } = useTranslation(NS);
  const [d, setD] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState<unknown>();
  const { cal, bad } = useMemo(() => calendarOf(d), [d]);
  const body = bad.length ? null : JSON.stringify({ key: d.key, name: d.name, calendar: cal });
  const { errs, lint } = useFindings(body, saveError, bad);
  const save = async (publish: boolean) => {
    if (bad.length) return;
    setBusy(true);
    setSaveError(undefined);
    try {
      const saved = def
        ? await api<Definition<CalendarContent>>('PATCH',
          `/api/v1/calendars/${encodeURIComponent(def.id)}`, { name: d.name, calendar: cal },
          { headers: { 'If-Match': `"${def.revision}"` } })
        : await api<Definition<CalendarContent>>('POST', '/api/v1/calendars',
          { key: d.key, name: d.name, calendar: cal });
      const pub = publish ? await api<{ version: number }>('POST',
        `/api/v1/calendars/${encodeURIComponent(saved.id)}/publish`) : undefined;
      onSaved(saved, pub?.version);
    } catch (e) {
      setSaveError(e);
    } finally {
      setBusy(false);
    }
  };
  const conflict = saveError instanceof ApiProblem && saveError.status === 409;
  return (
    <>
      <Fields d={d} isNew={!def} errs={errs} onChange={(n) => {
        setD(n);
        setSaveError(undefined);
      }} />
      <ProblemAlert error={saveError} />
      {conflict ? <Typography.Paragraph>{t('calendars.conflict')}</Typography.Paragraph> : null}
      <Space wrap className="fw-mt">
        <span className="fw-muted" role="status">{lint.checking ? t('calendars.checking')
          : lint.result?.valid && !bad.length ? t('calendars.valid') : ''}</span>
        <Button loading={busy} onClick={() => void save(false)} disabled={bad.length > 0}>
          {t('calendars.save')}</Button>
        <Button type="primary" loading={busy} onClick={() => void save(true)}
          disabled={bad.length > 0}>{t('calendars.publish')}</Button>
      </Space>
    </>
  );
}

function Existing({ id }: { id: string }) {
  const { t } = useTranslation(NS);
  const { message } = App.useApp();
  const state = useDefinition<CalendarContent>('calendars', id);
  const def = state.def;
  const content = def?.draft ?? def?.published;
  return (
    <PageState loading={state.loading && !def} error={state.error} onRetry={state.reload}
      empty={!!def && !content} emptyText={t('calendars.not_found')}>
      {def && content ? (
        <Editor key={`${def.id}:${state.loads}`} def={def}
          initial={draftOf(def.key, def.name, content.calendar ?? blankCalendar())}
          onSaved={(_, v) => {
            void message.success(v ? t('calendars.published', { version: v })
              : t('calendars.saved'));
            state.reload();
          }} />
      ) : null}
    </PageState>
  );
}

/** Editing one business calendar (or a new one) and publishing it. */
export default function CalendarEditorPage() {
  const { t } = useTranslation(NS);
  const { id = 'new' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  return (
    <>
      <div className="fw-page-title">
        <Typography.Title level={2}>{id === 'new' ? t('calendars.new_title')
          : t('calendars.edit')}</Typography.Title>
        <Link to="/admin/calendars">{t('calendars.back')}</Link>
      </div>
      <Card>
        {id === 'new' ? (
          <Editor initial={draftOf('', {}, blankCalendar())} onSaved={(d, v) => {
            void message.success(v ? t('calendars.published', { version: v })
              : t('calendars.saved'));
            void navigate(`/admin/calendars/${encodeURIComponent(d.id)}`, { replace: true });
          }} />
        ) : <Existing id={id} />}
      </Card>
    </>
  );
}
