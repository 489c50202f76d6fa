import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Button, DatePicker, Drawer, Empty, Form, Input, Select, Space, Tag, Timeline, Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { api } from '../../api/client';
import { ProblemAlert } from '../../components';
import { NS } from '../locales';
import { pickText, type Text } from '../shared/text';
import type { Graph } from './graph';

/** ScriptEvent is one scripted event of a simulation (runtime/engine). */
export interface ScriptEvent {
  kind: 'submit' | 'activity' | 'complete_task' | 'advance' | 'change_fields';
  after?: string;
  task?: string;
  outcome?: string;
  activity?: string;
  duration?: string;
  fields?: Record<string, unknown>;
}

/** TimelineEntry is one thing that would happen. */
export interface TimelineEntry {
  at: string;
  node?: string;
  kind: string;
  detail: Text;
}

/** SimTimeline is the simulator's answer. */
export interface SimTimeline {
  entries: TimelineEntry[];
  status: string;
}

const EVENT_KINDS: ScriptEvent['kind'][] = ['submit', 'activity', 'complete_task', 'advance',
  'change_fields'];

/** DEFAULT_EVENTS submit a record and let three hours pass. */
export const DEFAULT_EVENTS: ScriptEvent[] = [{ kind: 'submit' },
  { kind: 'advance', duration: '3h' }];

/** SimulateDrawerProps are the props of SimulateDrawer. */
export interface SimulateDrawerProps {
  open: boolean;
  id: string;
  graph: Graph;
  /** beforeRun saves the draft when it has unsaved edits. */
  beforeRun: () => Promise<void>;
  onPickNode: (id: string) => void;
  onClose: () => void;
}

/**
 * SimulateDrawer plays a scripted scenario against the saved draft on a
 * virtual clock and shows the timeline of what would happen.
 */
export function SimulateDrawer(props: SimulateDrawerProps) {
  const { open, id, graph, beforeRun, onPickNode, onClose } = props;
  const { t, i18n } = useTranslation(NS);
  const [start, setStart] = useState<Dayjs>(() => dayjs().startOf('hour'));
  const [owner, setOwner] = useState('');
  const [record, setRecord] = useState('{}');
  const [events, setEvents] = useState<ScriptEvent[]>(DEFAULT_EVENTS);
  const [result, setResult] = useState<SimTimeline>();
  const [error, setError] = useState<unknown>();
  const [running, setRunning] = useState(false);

  const parsed = parseRecord(record);
  const run = async () => {
    if (!parsed) return;
    setRunning(true);
    setError(undefined);
    try {
      await beforeRun();
      const script = { start: start.toISOString(), owner: owner || undefined, record: parsed,
        events };
      setResult(await api<SimTimeline>('POST',
        `/api/v1/processes/${encodeURIComponent(id)}/simulate`, { script }));
    } catch (e) {
      setError(e);
    } finally {
      setRunning(false);
    }
  };
  const names = new Map(graph.nodes.map((n) => [n.id, pickText(n.name, i18n.language, n.id)]));
  const tasks = graph.nodes.filter((n) => n.kind === 'user_task')
    .map((n) => ({ value: n.id, label: names.get(n.id) ?? n.id }));

  return (
    <Drawer open={open} onClose={onClose} title={t('process.sim.title')} size="large">
      <Typography.Paragraph type="secondary">{t('process.sim.intro')}</Typography.Paragraph>
      <Form layout="vertical" size="small">
        <Form.Item label={t('process.sim.start')} htmlFor="fw-sim-start">
          <DatePicker id="fw-sim-start" showTime value={start} allowClear={false}
            onChange={(d) => d && setStart(d)} />
        </Form.Item>
        <Form.Item label={t('process.sim.owner')} htmlFor="fw-sim-owner">
          <Input id="fw-sim-owner" value={owner} className="fw-code"
            onChange={(e) => setOwner(e.target.value)} />
        </Form.Item>
        <Form.Item label={t('process.sim.record')} htmlFor="fw-sim-record"
          {...(parsed ? {}
            : { validateStatus: 'error' as const, help: t('process.sim.recordInvalid') })}>
          <Input.TextArea id="fw-sim-record" className="fw-code" value={record}
            rows={2} onChange={(e) => setRecord(e.target.value)} />
        </Form.Item>
        <EventsEditor events={events} tasks={tasks} onChange={setEvents} />
        <Button type="primary" onClick={() => { void run(); }} loading={running}
          disabled={!parsed || events.length === 0}>
          {running ? t('process.sim.running') : t('process.sim.run')}
        </Button>
      </Form>
      <ProblemAlert error={error} />
      {result ? (
        <section aria-live="polite" className="fw-sim-result">
          <Typography.Title level={5}>
            {t('process.sim.timeline')}{' '}
            <Tag>{t('process.sim.status', { status: result.status })}</Tag>
          </Typography.Title>
          {result.entries.length === 0 ? <Empty description={t('process.sim.emptyTimeline')} /> : (
            <Timeline items={result.entries.map((e, i) => ({
              key: i,
              content: (
                <div>
                  <div className="fw-timeline-at">{dayjs(e.at).format('YYYY-MM-DD HH:mm')}</div>
                  <Space wrap size={4}>
                    <Tag>{e.kind}</Tag>
                    {e.node ? (
                      <button type="button" className="fw-link-button"
                        onClick={() => onPickNode(e.node!)}>
                        <Typography.Text strong>{names.get(e.node) ?? e.node}</Typography.Text>
                      </button>
                    ) : null}
                  </Space>
                  <div>{pickText(e.detail, i18n.language)}</div>
                </div>
              ),
            }))} />
          )}
        </section>
      ) : null}
    </Drawer>
  );
}

function parseRecord(s: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(s || '{}');
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

interface EventsEditorProps {
  events: ScriptEvent[];
  tasks: { value: string; label: string }[];
  onChange: (e: ScriptEvent[]) => void;
}

function EventsEditor({ events, tasks, onChange }: EventsEditorProps) {
  const { t } = useTranslation(NS);
  const edit = (i: number, e: ScriptEvent) => onChange(events.map((x, j) => (j === i ? e : x)));
  return (
    <fieldset className="fw-fieldset">
      <legend>{t('process.sim.events')}</legend>
      {events.map((e, i) => (
        <div key={i} className="fw-event-row">
          <Select aria-label={`${t('process.sim.events')} ${i + 1}`} value={e.kind}
            options={EVENT_KINDS.map((k) => ({ value: k, label: t(`process.sim.kinds.${k}`) }))}
            onChange={(kind: ScriptEvent['kind']) => edit(i, { kind, after: e.after })} />
          <Input aria-label={t('process.sim.after')} placeholder={t('process.sim.after')}
            value={e.after ?? ''} className="fw-code"
            onChange={(x) => edit(i, { ...e, after: x.target.value || undefined })} />
          <EventDetail event={e} tasks={tasks} onChange={(x) => edit(i, x)} />
          <Button type="text" danger icon={<DeleteOutlined />}
            aria-label={`${t('common.remove')} ${i + 1}`}
            onClick={() => onChange(events.filter((_, j) => j !== i))} />
        </div>
      ))}
      <Button size="small" icon={<PlusOutlined />}
        onClick={() => onChange([...events, { kind: 'advance', duration: '1h' }])}>
        {t('process.sim.addEvent')}
      </Button>
    </fieldset>
  );
}

function EventDetail({ event: e, tasks, onChange }: { event: ScriptEvent;
  tasks: { value: string; label: string }[]; onChange: (e: ScriptEvent) => void }) {
  const { t } = useTranslation(NS);
  switch (e.kind) {
    case 'advance':
      return <Input aria-label={t('process.sim.duration')} placeholder="2h" className="fw-code"
        value={e.duration ?? ''} onChange={(x) => onChange({ ...e, duration: x.target.value })} />;
    case 'activity':
      return <Select aria-label={t('process.sim.activity')} value={e.activity ?? 'call'}
        options={['call', 'chat', 'visit', 'meeting', 'email', 'view', 'edit', 'document',
          'attachment'].map((a) => ({ value: a, label: a }))}
        onChange={(activity: string) => onChange({ ...e, activity })} />;
    case 'complete_task':
      return (
        <Space.Compact className="fw-full">
          <Select aria-label={t('process.sim.task')} placeholder={t('process.sim.task')}
            value={e.task} allowClear options={tasks} className="fw-full"
            onChange={(task?: string) => onChange({ ...e, task })} />
          <Input aria-label={t('process.sim.outcome')} placeholder={t('process.sim.outcome')}
            value={e.outcome ?? ''} className="fw-code"
            onChange={(x) => onChange({ ...e, outcome: x.target.value || undefined })} />
        </Space.Compact>
      );
    case 'change_fields':
      return <FieldsInput value={e.fields} onChange={(fields) => onChange({ ...e, fields })} />;
    default:
      return <span />;
  }
}

function FieldsInput({ value, onChange }: { value?: Record<string, unknown>;
  onChange: (v: Record<string, unknown>) => void }) {
  const { t } = useTranslation(NS);
  const [text, setText] = useState(() => JSON.stringify(value ?? {}));
  const parsed = parseRecord(text);
  return <Input aria-label={t('process.sim.fields')} className="fw-code" value={text}
    status={parsed ? undefined : 'error'}
    onChange={(x) => {
      setText(x.target.value);
      const v = parseRecord(x.target.value);
      if (v) onChange(v);
    }} />;
}
