/**
 * Small inputs the step and connection panels are built from, each bound
 * to one member of a config and showing the server's findings about it.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, InputNumber, Select, Switch } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { NS } from '../locales';
import type { FieldProblem } from '../shared/definitions';

/** Option is one choice of a select. */
export interface Option {
  value: string;
  label: string;
}

/**
 * at returns the findings about member (a pointer suffix such as
 * "config/due" or "after") of a node or an edge.
 */
export function at(problems: FieldProblem[], member: string): FieldProblem[] {
  const re = new RegExp(`/(nodes|edges)/\\d+/${member}(/|$)`);
  return problems.filter((p) => re.test(p.pointer));
}

/** status turns findings into a Form.Item's error state and help. */
export function status(ps: FieldProblem[]) {
  return ps.length > 0
    ? { validateStatus: 'error' as const, help: ps.map((p) => p.message || p.code).join(' ') }
    : {};
}

interface ItemProps {
  id: string;
  label: string;
  problems: FieldProblem[];
  extra?: ReactNode;
  children: ReactNode;
}

/** Item is a labelled form row with its findings. */
export function Item({ id, label, problems, extra, children }: ItemProps) {
  return (
    <Form.Item label={label} htmlFor={id} extra={extra} {...status(problems)}>{children}</Form.Item>
  );
}

/** TextField edits a string. */
export function TextField(p: { id: string; label: string; value: unknown; problems: FieldProblem[];
  onChange: (v: string) => void; code?: boolean; multiline?: boolean; extra?: ReactNode }) {
  const value = typeof p.value === 'string' ? p.value : '';
  return (
    <Item id={p.id} label={p.label} problems={p.problems} extra={p.extra}>
      {p.multiline ? (
        <Input.TextArea id={p.id} value={value} className={p.code ? 'fw-code' : undefined}
          rows={2} onChange={(e) => p.onChange(e.target.value)} />
      ) : (
        <Input id={p.id} value={value} className={p.code ? 'fw-code' : undefined}
          onChange={(e) => p.onChange(e.target.value)} />
      )}
    </Item>
  );
}

/** SelectField picks one of options; free lets the designer type a value. */
export function SelectField(p: { id: string; label: string; value: unknown; options: Option[];
  problems: FieldProblem[]; onChange: (v: string) => void; allowClear?: boolean;
  placeholder?: string }) {
  const value = typeof p.value === 'string' && p.value !== '' ? p.value : undefined;
  const options = value && !p.options.some((o) => o.value === value)
    ? [...p.options, { value, label: value }] : p.options;
  return (
    <Item id={p.id} label={p.label} problems={p.problems}>
      <Select id={p.id} value={value} options={options} allowClear={p.allowClear} showSearch
        optionFilterProp="label" placeholder={p.placeholder}
        onChange={(v?: string) => p.onChange(v ?? '')} />
    </Item>
  );
}

/** NumberField edits a number. */
export function NumberField(p: { id: string; label: string; value: unknown;
  problems: FieldProblem[]; onChange: (v: number | null) => void; min?: number; max?: number }) {
  return (
    <Item id={p.id} label={p.label} problems={p.problems}>
      <InputNumber id={p.id} className="fw-full" min={p.min} max={p.max}
        value={typeof p.value === 'number' ? p.value : null} onChange={p.onChange} />
    </Item>
  );
}

/** SwitchField edits a boolean. */
export function SwitchField(p: { id: string; label: string; value: unknown;
  problems: FieldProblem[]; onChange: (v: boolean) => void }) {
  return (
    <Item id={p.id} label={p.label} problems={p.problems}>
      <Switch id={p.id} checked={p.value === true} onChange={p.onChange} />
    </Item>
  );
}

/** MapField edits a map of names to expressions (assignments, inputs). */
export function MapField(p: { id: string; label: string; value: unknown;
  problems: FieldProblem[]; keyLabel: string; valueLabel: string; addLabel: string;
  onChange: (v: Record<string, string>) => void }) {
  const { t } = useTranslation(NS);
  const entries = Object.entries((p.value && typeof p.value === 'object'
    ? p.value : {}) as Record<string, string>);
  const write = (list: [string, string][]) => p.onChange(Object.fromEntries(list));
  return (
    <fieldset className="fw-fieldset">
      <legend>{p.label}</legend>
      {entries.map(([k, v], i) => (
        <div key={i} className="fw-option-row">
          <Input aria-label={`${p.keyLabel} ${i + 1}`} value={k} className="fw-code"
            placeholder={p.keyLabel}
            onChange={(e) => write(entries.map((x, j) =>
              (j === i ? [e.target.value, x[1]] : x)))} />
          <Input aria-label={`${p.valueLabel} ${i + 1}`} value={v} className="fw-code"
            placeholder={p.valueLabel}
            onChange={(e) => write(entries.map((x, j) =>
              (j === i ? [x[0], e.target.value] : x)))} />
          <span />
          <Button type="text" danger icon={<DeleteOutlined />}
            aria-label={`${t('common.remove')} ${k}`}
            onClick={() => write(entries.filter((_, j) => j !== i))} />
        </div>
      ))}
      <Button size="small" icon={<PlusOutlined />} onClick={() => {
        let n = entries.length + 1;
        while (entries.some(([k]) => k === `name_${n}`)) n += 1;
        write([...entries, [`name_${n}`, '']]);
      }}>{p.addLabel}</Button>
      {p.problems.length > 0 ? (
        <div className="ant-form-item-explain-error">
          {p.problems.map((x) => x.message || x.code).join(' ')}
        </div>
      ) : null}
    </fieldset>
  );
}
