import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Divider, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { NS } from '../locales';
import type { FieldProblem } from '../shared/definitions';
import { FindingList } from '../shared/FindingList';
import { LocalizedInput } from '../shared/LocalizedInput';
import type { Text } from '../shared/text';
import { AssigneeFields, OWNER_RULES, type Assignee } from './AssigneeFields';
import { useBind } from './bind';
import { CreateRecordSettings } from './CreateRecordSettings';
import {
  at, Item, MapField, SelectField, SwitchField, TextField, type Option,
} from './fields';
import { ID_PATTERN, type Config, type ProcessEdge, type ProcessNode } from './graph';

/** Choices are the tenant's forms and calendars, for the pickers. */
export interface Choices {
  forms: Option[];
  /** published are the forms with a published version, which records can be made of. */
  published: Option[];
  calendars: Option[];
}

/** NodePropertiesProps are the props of NodeProperties. */
export interface NodePropertiesProps {
  node: ProcessNode;
  problems: FieldProblem[];
  choices: Choices;
  onChange: (change: Partial<ProcessNode>) => void;
  onConfig: (change: Config) => void;
  /** onRename changes the id; it returns false when the id is refused. */
  onRename: (id: string) => boolean;
  onRemove: () => void;
  /** outgoing are the connections leaving the step. */
  outgoing: ProcessEdge[];
  /** targets are the other steps it can be connected to. */
  targets: Option[];
  /** onConnect adds a connection to another step (the keyboard's way). */
  onConnect: (to: string, boundary: boolean) => void;
  onPickEdge: (id: string) => void;
}

const ACTIVITIES = ['view', 'edit', 'attachment', 'call', 'chat', 'visit', 'meeting', 'email',
  'document'];

/** NodeProperties edits one step: its id, name and its kind's settings. */
export function NodeProperties(props: NodePropertiesProps) {
  const { node, problems, onChange } = props;
  const { t } = useTranslation(NS);
  return (
    <Form layout="vertical" size="small" className="fw-props">
      <Typography.Title level={5}>
        {t('process.props.node')} <Tag>{t(`process.kinds.${node.kind}`)}</Tag>
      </Typography.Title>
      <IdInput {...props} />
      <LocalizedInput id={`fw-n-${node.id}-name`} label={t('process.props.name')}
        value={node.name} onChange={(name) => onChange({ name })}
        errors={at(problems, 'name').map((p) => p.message)} />
      <KindSettings {...props} />
      {node.kind !== 'end' ? <NextSteps {...props} /> : null}
      <FindingList problems={problems} />
      <Divider />
      <Button danger icon={<DeleteOutlined />} onClick={props.onRemove}>
        {t('process.props.deleteNode')}
      </Button>
    </Form>
  );
}

function IdInput({ node, problems, onRename }: NodePropertiesProps) {
  const { t } = useTranslation(NS);
  const [draft, setDraft] = useState(node.id);
  const [refused, setRefused] = useState(false);
  useEffect(() => { setDraft(node.id); setRefused(false); }, [node.id]);
  const commit = () => {
    if (draft === node.id) return;
    setRefused(!ID_PATTERN.test(draft) || !onRename(draft));
  };
  const server = at(problems, 'id').map((p) => p.message);
  const help = refused ? t('process.idTaken') : server.join(' ');
  return (
    <Form.Item label={t('process.props.id')} htmlFor={`fw-n-id-${node.id}`}
      validateStatus={help ? 'error' : undefined} help={help || undefined}>
      <Input id={`fw-n-id-${node.id}`} className="fw-code" value={draft}
        onChange={(e) => setDraft(e.target.value)} onBlur={commit} onPressEnter={commit} />
    </Form.Item>
  );
}

/**
 * NextSteps lists the connections leaving a step and adds new ones, so a
 * step can be connected without dragging on the canvas.
 */
function NextSteps({ node, outgoing, targets, onConnect, onPickEdge }: NodePropertiesProps) {
  const { t } = useTranslation(NS);
  const [to, setTo] = useState<string>();
  const [sla, setSla] = useState(false);
  const names = new Map(targets.map((o) => [o.value, o.label]));
  const free = targets.filter((o) => !outgoing.some((e) => e.to === o.value));
  return (
    <fieldset className="fw-fieldset">
      <legend>{t('process.props.next')}</legend>
      <ul className="fw-findings">
        {outgoing.map((e) => (
          <li key={e.id}>
            <button type="button" className="fw-link-button" onClick={() => onPickEdge(e.id)}>
              {e.kind === 'boundary' ? <Tag color="orange">SLA {e.after}</Tag> : null}
              {names.get(e.to) ?? e.to}
            </button>
          </li>
        ))}
      </ul>
      <Space wrap>
        <Select aria-label={t('process.props.connectTo')} placeholder={t('process.props.connectTo')}
          className="fw-connect-select" value={to} options={free} showSearch
          optionFilterProp="label" onChange={(v: string) => setTo(v)} />
        {node.kind === 'user_task' ? (
          <Checkbox checked={sla} onChange={(e) => setSla(e.target.checked)}>
            {t('process.edgeKinds.boundary')}
          </Checkbox>
        ) : null}
        <Button size="small" icon={<PlusOutlined />} disabled={!to}
          onClick={() => { if (to) onConnect(to, sla); setTo(undefined); }}>
          {t('process.props.addConnection')}
        </Button>
      </Space>
    </fieldset>
  );
}

/** KindSettings picks the editor of the node's kind. */
function KindSettings(props: NodePropertiesProps) {
  const { t } = useTranslation(NS);
  switch (props.node.kind) {
    case 'trigger': return <TriggerSettings {...props} />;
    case 'user_task': return <TaskSettings {...props} />;
    case 'timer': return <TimerSettings {...props} />;
    case 'silence_watch': return <SilenceSettings {...props} />;
    case 'notify': return <NotifySettings {...props} />;
    case 'set_fields': return <SetFieldsSettings {...props} />;
    case 'move_stage': return <Bound {...props} member="stage" label={t('process.props.stage')} />;
    case 'assign_owner': return <AssignOwnerSettings {...props} />;
    case 'create_ticket': return <TicketSettings {...props} />;
    case 'create_record': return <CreateRecordSettings {...props} />;
    case 'award_points': return <PointsSettings {...props} />;
    case 'call_action': return <CallSettings {...props} />;
    case 'sub_process': return <SubProcessSettings {...props} />;
    default:
      return <Typography.Paragraph type="secondary">{t('process.props.noSettings')}
      </Typography.Paragraph>;
  }
}

function Bound(props: NodePropertiesProps & { member: string; label: string; code?: boolean;
  extra?: string }) {
  const { c, id, errs, set } = useBind(props);
  const m = props.member;
  return <TextField id={id(m)} label={props.label} value={c[m]} problems={errs(m)}
    code={props.code} extra={props.extra} onChange={(v) => set(m, v)} />;
}

function Duration(props: NodePropertiesProps & { member: string; label: string }) {
  const { t } = useTranslation(NS);
  return <Bound {...props} code extra={t('process.props.durationHelp')} />;
}

function CalendarPick(props: NodePropertiesProps) {
  const { t } = useTranslation(NS);
  const { c, id, errs, set } = useBind(props);
  return <SelectField id={id('calendar')} label={t('process.props.calendar')} value={c.calendar}
    options={props.choices.calendars} problems={errs('calendar')} allowClear
    placeholder={t('process.props.defaultCalendar')} onChange={(v) => set('calendar', v)} />;
}

function FormPick(props: NodePropertiesProps & { member?: string }) {
  const { t } = useTranslation(NS);
  const { c, id, errs, set } = useBind(props);
  const m = props.member ?? 'form';
  return <SelectField id={id(m)} label={t('process.props.form')} value={c[m]} allowClear
    options={props.choices.forms} problems={errs(m)} onChange={(v) => set(m, v)} />;
}

function TriggerSettings(props: NodePropertiesProps) {
  const { t } = useTranslation(NS);
  const { c, id, errs, set } = useBind(props);
  const on = String(c.on ?? '');
  const ons = ['record_created', 'field_changed', 'schedule', 'inbound_event', 'manual'];
  return (
    <>
      <SelectField id={id('on')} label={t('process.props.on')} value={on} problems={errs('on')}
        options={ons.map((o) => ({ value: o, label: t(`process.on.${o}`) }))}
        onChange={(v) => set('on', v)} />
      {on !== 'schedule' && on !== 'inbound_event' ? <FormPick {...props} /> : null}
      {on === 'field_changed' ? (
        <Item id={id('fields')} label={t('process.props.fields')} problems={errs('fields')}>
          <Select id={id('fields')} mode="tags" value={(c.fields as string[] | undefined) ?? []}
            onChange={(v: string[]) => set('fields', v.length ? v : undefined)} />
        </Item>
      ) : null}
      {on === 'schedule' ? (
        <>
          <Bound {...props} member="cron" label={t('process.props.cron')} code />
          <CalendarPick {...props} />
          <SwitchField id={id('wdo')} label={t('process.props.workingDaysOnly')}
            value={c.working_days_only} problems={errs('working_days_only')}
            onChange={(v) => set('working_days_only', v || undefined)} />
        </>
      ) : null}
      {on === 'inbound_event' ? <Bound {...props} member="event"
        label={t('process.props.event')} code /> : null}
    </>
  );
}

function AssigneeEditor(props: NodePropertiesProps) {
  const { t } = useTranslation(NS);
  const { c, id, errs, set } = useBind(props);
  return (
    <AssigneeFields value={(c.assignee ?? {}) as Assignee} legend={t('process.props.assignee')}
      rules={['owner', 'owner_manager', 'role', 'round_robin', 'least_loaded', 'user']}
      id={id} errs={(m) => errs(`assignee/${m}`)} onChange={(v) => set('assignee', v)} />
  );
}

interface Route {
  when: string;
  assignee: Assignee;
}

/** AssignOwnerSettings edits an assign-owner step: routes, then a fallback. */
function AssignOwnerSettings(props: NodePropertiesProps) {
  const { t } = useTranslation(NS);
  const { c, id, errs, set } = useBind(props);
  const routes = (c.routes ?? []) as Route[];
  const write = (list: Route[]) => set('routes', list.length ? list : undefined);
  const change = (i: number, r: Partial<Route>) =>
    write(routes.map((x, j) => (j === i ? { ...x, ...r } : x)));
  return (
    <>
      <fieldset className="fw-fieldset">
        <legend>{t('process.props.routes')}</legend>
        {routes.map((r, i) => (
          <div key={i} className="fw-route">
            <TextField id={id(`routes-${i}-when`)} label={t('process.props.routeWhen')} code
              value={r.when} problems={errs(`routes/${i}/when`)}
              onChange={(v) => change(i, { when: v })} />
            <AssigneeFields value={r.assignee ?? {}} rules={OWNER_RULES}
              legend={`${t('process.props.assignee')} ${i + 1}`}
              id={(m) => id(`routes-${i}-${m}`)} errs={(m) => errs(`routes/${i}/assignee/${m}`)}
              onChange={(v) => change(i, { assignee: v ?? { rule: '' } })} />
            <Button type="text" danger icon={<DeleteOutlined />}
              aria-label={`${t('common.remove')} ${i + 1}`}
              onClick={() => write(routes.filter((_, j) => j !== i))} />
          </div>
        ))}
        <Button size="small" icon={<PlusOutlined />}
          onClick={() => write([...routes, { when: '', assignee: { rule: 'user' } }])}>
          {t('process.props.addRoute')}
        </Button>
      </fieldset>
      <AssigneeFields value={(c.assignee ?? {}) as Assignee} rules={OWNER_RULES}
        legend={t('process.props.otherwise')} emptyLabel={t('process.props.keepOwner')}
        id={id} errs={(m) => errs(`assignee/${m}`)} onChange={(v) => set('assignee', v)} />
    </>
  );
}

interface Outcome {
  key: string;
  label?: Text;
}

function TaskSettings(props: NodePropertiesProps) {
  const { t } = useTranslation(NS);
  const { c, errs, set } = useBind(props);
  const outcomes = (c.outcomes ?? []) as Outcome[];
  const write = (list: Outcome[]) => set('outcomes', list.length ? list : undefined);
  return (
    <>
      <AssigneeEditor {...props} />
      <FormPick {...props} />
      <Duration {...props} member="due" label={t('process.props.due')} />
      <CalendarPick {...props} />
      <fieldset className="fw-fieldset">
        <legend>{t('process.props.outcomes')}</legend>
        {outcomes.map((o, i) => (
          <div key={i} className="fw-option-row">
            <Input aria-label={`${t('process.props.outcomeKey')} ${i + 1}`} value={o.key}
              className="fw-code" placeholder={t('process.props.outcomeKey')}
              status={errs(`outcomes/${i}`).length ? 'error' : undefined}
              onChange={(e) => write(outcomes.map((x, j) => (j === i
                ? { ...x, key: e.target.value } : x)))} />
            <Input aria-label={`${t('common.localeZh')} ${i + 1}`} value={o.label?.['zh-CN'] ?? ''}
              placeholder={t('common.localeZh')} onChange={(e) => write(outcomes.map((x, j) =>
                (j === i ? { ...x, label: { ...x.label, 'zh-CN': e.target.value } } : x)))} />
            <Input aria-label={`${t('common.localeEn')} ${i + 1}`} value={o.label?.en ?? ''}
              placeholder={t('common.localeEn')} onChange={(e) => write(outcomes.map((x, j) =>
                (j === i ? { ...x, label: { ...x.label, en: e.target.value } } : x)))} />
            <Button type="text" danger icon={<DeleteOutlined />}
              aria-label={`${t('common.remove')} ${o.key}`}
              onClick={() => write(outcomes.filter((_, j) => j !== i))} />
          </div>
        ))}
        <Button size="small" icon={<PlusOutlined />} onClick={() => write([...outcomes,
          { key: `outcome_${outcomes.length + 1}`, label: {} }])}>
          {t('process.props.addOutcome')}
        </Button>
        <FindingList problems={errs('outcomes')} />
      </fieldset>
    </>
  );
}

function TimerSettings(props: NodePropertiesProps) {
  const { t } = useTranslation(NS);
  return (
    <>
      <Duration {...props} member="duration" label={t('process.props.duration')} />
      <Bound {...props} member="until" label={t('process.props.until')} code />
      <CalendarPick {...props} />
    </>
  );
}

function SilenceSettings(props: NodePropertiesProps) {
  const { t } = useTranslation(NS);
  const { c, id, errs, set } = useBind(props);
  return (
    <>
      <Duration {...props} member="duration" label={t('process.props.duration')} />
      <Item id={id('activities')} label={t('process.props.activities')}
        problems={errs('activities')}>
        <Select id={id('activities')} mode="multiple" placeholder={t('process.props.allActivities')}
          value={(c.activities as string[] | undefined) ?? []}
          options={ACTIVITIES.map((a) => ({ value: a, label: a }))}
          onChange={(v: string[]) => set('activities', v.length ? v : undefined)} />
      </Item>
      <CalendarPick {...props} />
    </>
  );
}

interface Recipient {
  kind: string;
  role?: string;
  user?: string;
  levels?: number;
}

function NotifySettings(props: NodePropertiesProps) {
  const { t } = useTranslation(NS);
  const { c, id, errs, set } = useBind(props);
  const list = (c.recipients ?? []) as Recipient[];
  const kinds = ['owner', 'owner_manager', 'assignee', 'assignee_manager', 'role', 'user'];
  const write = (next: Recipient[]) => set('recipients', next);
  const edit = (i: number, r: Recipient) => write(list.map((x, j) => (j === i ? r : x)));
  return (
    <>
      <Bound {...props} member="channel" label={t('process.props.channel')} code />
      <fieldset className="fw-fieldset">
        <legend>{t('process.props.recipients')}</legend>
        {list.map((r, i) => (
          <div key={i} className="fw-option-row">
            <Select aria-label={`${t('process.props.recipients')} ${i + 1}`} value={r.kind}
              status={errs(`recipients/${i}`).length ? 'error' : undefined}
              options={kinds.map((k) => ({ value: k, label: t(`process.recipient.${k}`) }))}
              onChange={(kind: string) => edit(i, { kind })} />
            {r.kind === 'role' || r.kind === 'user' ? (
              <Input aria-label={t(`process.props.${r.kind}`)} className="fw-code"
                placeholder={t(`process.props.${r.kind}`)}
                value={(r.kind === 'role' ? r.role : r.user) ?? ''}
                onChange={(e) => edit(i, { ...r, [r.kind]: e.target.value })} />
            ) : r.kind.endsWith('_manager') ? (
              <Input aria-label={t('process.props.levels')} type="number" min={1} max={10}
                placeholder={t('process.props.levels')} value={r.levels ?? ''}
                onChange={(e) => edit(i, { ...r, levels: Number(e.target.value) || undefined })} />
            ) : <span />}
            <span />
            <Button type="text" danger icon={<DeleteOutlined />}
              aria-label={`${t('common.remove')} ${i + 1}`}
              onClick={() => write(list.filter((_, j) => j !== i))} />
          </div>
        ))}
        <Button size="small" icon={<PlusOutlined />}
          onClick={() => write([...list, { kind: 'owner' }])}>
          {t('process.props.addRecipient')}
        </Button>
        <FindingList problems={errs('recipients')} />
      </fieldset>
      <LocalizedInput id={id('message')} label={t('process.props.message')} multiline
        value={c.message as Text | undefined} onChange={(m) => set('message', m)}
        errors={errs('message').map((p) => p.message)} />
      <Typography.Paragraph type="secondary" className="fw-hint">
        {t('process.props.messageHelp', { ph: '{{record.company}}' })}
      </Typography.Paragraph>
    </>
  );
}

function SetFieldsSettings(props: NodePropertiesProps) {
  const { t } = useTranslation(NS);
  const { c, id, errs, set } = useBind(props);
  return <MapField id={id('assignments')} label={t('process.props.assignments')}
    value={c.assignments} problems={errs('assignments')} keyLabel={t('process.props.assignField')}
    valueLabel={t('process.props.assignExpr')} addLabel={t('process.props.addAssignment')}
    onChange={(v) => set('assignments', v)} />;
}

function TicketSettings(props: NodePropertiesProps) {
  const { t } = useTranslation(NS);
  const { c, id, errs, set } = useBind(props);
  return (
    <>
      <FormPick {...props} />
      <LocalizedInput id={id('title')} label={t('process.props.title')}
        value={c.title as Text | undefined} onChange={(v) => set('title', v)}
        errors={errs('title').map((p) => p.message)} />
      <AssigneeEditor {...props} />
    </>
  );
}

function PointsSettings(props: NodePropertiesProps) {
  const { t } = useTranslation(NS);
  const { c, id, errs, set } = useBind(props);
  const to = String(c.to ?? '');
  return (
    <>
      <Bound {...props} member="ledger" label={t('process.props.ledger')} code />
      <TextField id={id('points')} label={t('process.props.points')} code
        value={c.points === undefined ? '' : String(c.points)} problems={errs('points')}
        onChange={(v) => set('points', /^-?\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : v)} />
      <SelectField id={id('to')} label={t('process.props.to')} value={to} problems={errs('to')}
        options={['owner', 'assignee', 'user'].map((v) => ({ value: v,
          label: t(`process.pointsTo.${v}`) }))} onChange={(v) => set('to', v)} />
      {to === 'user' ? <Bound {...props} member="user" label={t('process.props.user')} code />
        : null}
      <LocalizedInput id={id('reason')} label={t('process.props.reason')}
        value={c.reason as Text | undefined} onChange={(v) => set('reason', v)}
        errors={errs('reason').map((p) => p.message)} />
    </>
  );
}

function CallSettings(props: NodePropertiesProps) {
  const { t } = useTranslation(NS);
  const { c, id, errs, set } = useBind(props);
  return (
    <>
      <Bound {...props} member="plugin" label={t('process.props.plugin')} code />
      <Bound {...props} member="action" label={t('process.props.action')} code />
      <Bound {...props} member="webhook" label={t('process.props.webhook')} code />
      <MapField id={id('input')} label={t('process.props.inputs')} value={c.input}
        problems={errs('input')} keyLabel={t('process.props.inputName')}
        valueLabel={t('process.props.assignExpr')} addLabel={t('process.props.addInput')}
        onChange={(v) => set('input', Object.keys(v).length ? v : undefined)} />
    </>
  );
}

function SubProcessSettings(props: NodePropertiesProps) {
  const { t } = useTranslation(NS);
  const { c, id, errs, set } = useBind(props);
  return (
    <>
      <Bound {...props} member="process" label={t('process.props.process')} code />
      <MapField id={id('input')} label={t('process.props.inputs')} value={c.input}
        problems={errs('input')} keyLabel={t('process.props.inputName')}
        valueLabel={t('process.props.assignExpr')} addLabel={t('process.props.addInput')}
        onChange={(v) => set('input', Object.keys(v).length ? v : undefined)} />
      <SwitchField id={id('wait')} label={t('process.props.wait')} value={c.wait}
        problems={errs('wait')} onChange={(v) => set('wait', v || undefined)} />
    </>
  );
}

