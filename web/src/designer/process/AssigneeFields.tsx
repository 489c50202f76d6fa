/**
 * The editor of one assignee rule (who gets a task, who owns a record),
 * shared by the steps that name a person.
 */
import { useTranslation } from 'react-i18next';

import { NS } from '../locales';
import type { FieldProblem } from '../shared/definitions';
import { SelectField, TextField } from './fields';

/** Assignee is one assignee rule of a step's config. */
export interface Assignee {
  rule?: string;
  role?: string;
  team?: string;
  user?: string;
}

/** The assignee rules an assign-owner step may use: each names one person. */
export const OWNER_RULES = ['owner_manager', 'round_robin', 'least_loaded', 'user'];

/** AssigneeFieldsProps are the props of AssigneeFields. */
export interface AssigneeFieldsProps {
  value: Assignee;
  onChange: (a: Assignee | undefined) => void;
  /** id makes a control id from a member name. */
  id: (m: string) => string;
  /** errs returns the findings at a member of this assignee. */
  errs: (m: string) => FieldProblem[];
  rules: string[];
  /** emptyLabel, when set, offers "no rule" under that label. */
  emptyLabel?: string;
  legend: string;
}

/** AssigneeFields edits one assignee rule and the member it needs. */
export function AssigneeFields({ value: a, onChange, id, errs, rules, emptyLabel,
  legend }: AssigneeFieldsProps) {
  const { t } = useTranslation(NS);
  const put = (change: Assignee) => onChange({ ...a, ...change });
  const rule = a.rule ?? '';
  const options = rules.map((r) => ({ value: r, label: t(`process.rule.${r}`) }));
  return (
    <fieldset className="fw-fieldset">
      <legend>{legend}</legend>
      <SelectField id={id('rule')} label={t('process.props.assignee')} value={rule}
        problems={errs('rule')} placeholder={emptyLabel}
        options={emptyLabel ? [{ value: '', label: emptyLabel }, ...options] : options}
        onChange={(v) => onChange(v ? { rule: v } : undefined)} />
      {rule === 'role' || rule === 'least_loaded' ? (
        <TextField id={id('role')} label={t('process.props.role')} value={a.role} code
          problems={errs('role')} onChange={(v) => put({ role: v || undefined })} />
      ) : null}
      {rule === 'round_robin' || rule === 'least_loaded' ? (
        <TextField id={id('team')} label={t('process.props.team')} value={a.team} code
          problems={errs('team')} onChange={(v) => put({ team: v || undefined })} />
      ) : null}
      {rule === 'user' ? (
        <TextField id={id('user')} label={t('process.props.user')} value={a.user} code
          problems={errs('user')} onChange={(v) => put({ user: v || undefined })} />
      ) : null}
    </fieldset>
  );
}
