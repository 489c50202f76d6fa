import { DeleteOutlined } from '@ant-design/icons';
import { Button, Divider, Form, Segmented, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { NS } from '../locales';
import type { FieldProblem } from '../shared/definitions';
import { FindingList } from '../shared/FindingList';
import { LocalizedInput } from '../shared/LocalizedInput';
import { at, SwitchField, TextField } from './fields';
import type { ProcessEdge, ProcessNode } from './graph';

/** EdgePropertiesProps are the props of EdgeProperties. */
export interface EdgePropertiesProps {
  edge: ProcessEdge;
  from: ProcessNode | undefined;
  problems: FieldProblem[];
  onChange: (change: Partial<ProcessEdge>) => void;
  onRemove: () => void;
}

/**
 * EdgeProperties edits a connection: a decision's condition or default, an
 * SLA edge's delay and whether it interrupts the task, and its caption.
 */
export function EdgeProperties({ edge: e, from, problems, onChange, onRemove }:
  EdgePropertiesProps) {
  const { t } = useTranslation(NS);
  const boundary = e.kind === 'boundary';
  const id = (m: string) => `fw-e-${e.id}-${m}`;
  const gateway = from?.kind === 'exclusive_gateway';
  return (
    <Form layout="vertical" size="small" className="fw-props">
      <Typography.Title level={5}>{t('process.props.edge')}</Typography.Title>
      <Typography.Paragraph><Typography.Text code>{e.from}</Typography.Text> →{' '}
        <Typography.Text code>{e.to}</Typography.Text></Typography.Paragraph>
      {from?.kind === 'user_task' || boundary ? (
        <Form.Item label={t('process.props.edgeKind')}>
          <Segmented value={boundary ? 'boundary' : 'normal'}
            options={['normal', 'boundary'].map((k) => ({ value: k,
              label: t(`process.edgeKinds.${k}`) }))}
            onChange={(k) => onChange(k === 'boundary'
              ? { kind: 'boundary', after: e.after || '2h' }
              : { kind: 'normal', after: undefined, interrupting: undefined })} />
        </Form.Item>
      ) : null}
      {boundary ? (
        <>
          <TextField id={id('after')} label={t('process.props.after')} value={e.after} code
            problems={at(problems, 'after')} extra={t('process.props.durationHelp')}
            onChange={(after) => onChange({ after })} />
          <SwitchField id={id('int')} label={t('process.props.interrupting')}
            value={e.interrupting} problems={at(problems, 'interrupting')}
            onChange={(v) => onChange({ interrupting: v || undefined })} />
        </>
      ) : null}
      {gateway || e.condition || e.default ? (
        <>
          <SwitchField id={id('default')} label={t('process.props.isDefault')} value={e.default}
            problems={at(problems, 'default')}
            onChange={(v) => onChange(v ? { default: true, condition: undefined }
              : { default: undefined })} />
          {!e.default ? (
            <TextField id={id('cond')} label={t('process.props.condition')} value={e.condition}
              code multiline problems={at(problems, 'condition')}
              extra={t('process.props.conditionHelp')}
              onChange={(condition) => onChange({ condition: condition || undefined })} />
          ) : null}
        </>
      ) : null}
      <LocalizedInput id={id('label')} label={t('process.props.label')} value={e.label}
        onChange={(label) => onChange({ label })} />
      <FindingList problems={problems} />
      <Divider />
      <Button danger icon={<DeleteOutlined />} onClick={onRemove}>
        {t('process.props.deleteEdge')}
      </Button>
    </Form>
  );
}
