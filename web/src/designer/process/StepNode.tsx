import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';

import { NS } from '../locales';
import type { FlowNodeData } from './canvas';

/**
 * StepNode draws one process step on the canvas: its kind, its name and
 * the lint findings about it, as text. Steps are entered from the top and
 * left from the bottom; a user task also has a right-hand handle for SLA
 * (boundary) edges.
 */
export const StepNode = memo(function StepNode({ data, selected }: NodeProps<Node<FlowNodeData>>) {
  const { t } = useTranslation(NS);
  const problems = data.problems;
  const classes = ['fw-step', `fw-step-${data.kind}`, selected ? 'selected' : '',
    problems.length > 0 ? 'fw-step-error' : ''].filter(Boolean).join(' ');
  return (
    <div className={classes}>
      {data.kind !== 'trigger' ? <Handle type="target" position={Position.Top} /> : null}
      <div className="fw-step-kind">
        <span>{t(`process.kinds.${data.kind}`)}</span>
        {problems.length > 0 ? <span aria-label={t('common.problems',
          { count: problems.length })}>⚠ {problems.length}</span> : null}
      </div>
      <div className="fw-step-title">{data.title}</div>
      {problems.length > 0 ? (
        <ul className="fw-step-problems">
          {problems.slice(0, 2).map((p, i) => <li key={i}>{p.message || p.code}</li>)}
        </ul>
      ) : null}
      {data.kind !== 'end' ? <Handle type="source" position={Position.Bottom} /> : null}
      {data.kind === 'user_task' ? (
        <Handle type="source" id="boundary" position={Position.Right}
          className="fw-boundary-handle" />
      ) : null}
    </div>
  );
});
