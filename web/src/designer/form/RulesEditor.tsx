import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Form, Input, Segmented, Select } from 'antd';
import { useTranslation } from 'react-i18next';

import { NS } from '../locales';
import { FindingList } from '../shared/FindingList';
import type { FieldProblem } from '../shared/definitions';
import { LocalizedInput } from '../shared/LocalizedInput';
import { pickText } from '../shared/text';
import type { DesignerForm, Rule } from './model';

/** RulesEditorProps are the props of RulesEditor. */
export interface RulesEditorProps {
  model: DesignerForm;
  byRule: Record<number, FieldProblem[]>;
  onChange: (rules: Rule[]) => void;
}

function at(ps: FieldProblem[] | undefined, member: string) {
  const list = (ps ?? []).filter((p) => new RegExp(`^/rules/\\d+/${member}(/|$)`).test(p.pointer));
  return list.length > 0
    ? { validateStatus: 'error' as const, help: list.map((p) => p.message || p.code).join(' ') }
    : {};
}

/**
 * RulesEditor edits the form's cross-field rules: conditional requirements
 * (when … then require …) and assertions, with the server's findings live.
 */
export function RulesEditor({ model, byRule, onChange }: RulesEditorProps) {
  const { t, i18n } = useTranslation(NS);
  const rules = model.rules;
  const fields = model.sections.flatMap((s) => s.fields).map((f) => ({
    value: f.name, label: `${pickText(f.label, i18n.language, f.name)} (${f.name})`,
  }));
  const edit = (i: number, r: Rule) => onChange(rules.map((x, j) => (j === i ? r : x)));
  const add = () => {
    const ids = new Set(rules.map((r) => r.id));
    let n = rules.length + 1;
    while (ids.has(`rule_${n}`)) n += 1;
    onChange([...rules, { id: `rule_${n}`, when: '', require: [] }]);
  };
  return (
    <div className="fw-rules">
      {rules.length === 0 ? <Empty description={t('form.rules.empty')} /> : null}
      {rules.map((r, i) => {
        const assertion = r.assert !== undefined;
        const id = `fw-rule-${i}`;
        return (
          <Card key={i} size="small" className="fw-rule" title={r.id || `#${i + 1}`}
            extra={<Button type="text" danger icon={<DeleteOutlined />}
              aria-label={`${t('common.remove')} ${r.id}`}
              onClick={() => onChange(rules.filter((_, j) => j !== i))} />}>
            <Form layout="vertical" size="small">
              <Segmented value={assertion ? 'assert' : 'require'}
                options={[{ value: 'require', label: t('form.rules.kindRequire') },
                  { value: 'assert', label: t('form.rules.kindAssert') }]}
                onChange={(v) => edit(i, v === 'assert'
                  ? { id: r.id, when: r.when, assert: '', field: '', message: {} }
                  : { id: r.id, when: r.when ?? '', require: [] })} />
              <Form.Item label={t('form.rules.id')} htmlFor={`${id}-id`} {...at(byRule[i], 'id')}>
                <Input id={`${id}-id`} className="fw-code" value={r.id}
                  onChange={(e) => edit(i, { ...r, id: e.target.value })} />
              </Form.Item>
              <Form.Item label={t('form.rules.when')} htmlFor={`${id}-when`}
                {...at(byRule[i], 'when')}>
                <Input id={`${id}-when`} className="fw-code" value={r.when ?? ''}
                  onChange={(e) => edit(i, { ...r, when: e.target.value })} />
              </Form.Item>
              {assertion ? (
                <>
                  <Form.Item label={t('form.rules.assert')} htmlFor={`${id}-assert`}
                    {...at(byRule[i], 'assert')}>
                    <Input id={`${id}-assert`} className="fw-code" value={r.assert ?? ''}
                      onChange={(e) => edit(i, { ...r, assert: e.target.value })} />
                  </Form.Item>
                  <Form.Item label={t('form.rules.field')} htmlFor={`${id}-field`}
                    {...at(byRule[i], 'field')}>
                    <Select id={`${id}-field`} value={r.field || undefined} options={fields}
                      allowClear
                      onChange={(field?: string) => edit(i, { ...r, field: field ?? '' })} />
                  </Form.Item>
                  <LocalizedInput id={`${id}-msg`} label={t('form.rules.message')}
                    value={r.message} onChange={(message) => edit(i, { ...r, message })} />
                </>
              ) : (
                <Form.Item label={t('form.rules.require')} htmlFor={`${id}-req`}
                  {...at(byRule[i], 'require')}>
                  <Select id={`${id}-req`} mode="multiple" value={r.require ?? []} options={fields}
                    onChange={(require: string[]) => edit(i, { ...r, require })} />
                </Form.Item>
              )}
              <FindingList problems={byRule[i] ?? []} />
            </Form>
          </Card>
        );
      })}
      <Button icon={<PlusOutlined />} onClick={add} type="dashed" block>
        {t('form.rules.add')}
      </Button>
    </div>
  );
}
