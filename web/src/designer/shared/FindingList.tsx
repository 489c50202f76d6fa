import { Typography } from 'antd';

import type { FieldProblem } from './definitions';

/** FindingListProps are the props of FindingList. */
export interface FindingListProps {
  problems: FieldProblem[];
  type?: 'danger' | 'warning';
  /** onPick, when set, makes each finding a button that shows its subject. */
  onPick?: (p: FieldProblem) => void;
}

/** FindingList shows lint findings as text. */
export function FindingList({ problems, type = 'danger', onPick }: FindingListProps) {
  if (problems.length === 0) return null;
  return (
    <ul className="fw-findings">
      {problems.map((p, i) => (
        <li key={i}>
          {onPick ? (
            <button type="button" className="fw-link-button" onClick={() => onPick(p)}>
              <Typography.Text type={type}>{p.message || p.code}</Typography.Text>
            </button>
          ) : <Typography.Text type={type}>{p.message || p.code}</Typography.Text>}
        </li>
      ))}
    </ul>
  );
}
