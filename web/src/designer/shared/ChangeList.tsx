import { Empty, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { NS } from '../locales';
import type { Change } from './definitions';
import { pickText } from './text';

/** ChangeList shows the changes between two versions, breaking ones marked. */
export function ChangeList({ changes, emptyText }: { changes: Change[]; emptyText: string }) {
  const { t, i18n } = useTranslation(NS);
  if (changes.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />;
  }
  return (
    <ul className="fw-changes">
      {changes.map((c, i) => (
        <li key={i}>
          {c.breaking ? <Tag color="red">{t('publish.breaking')}</Tag> : null}
          <Typography.Text code>{c.subject}</Typography.Text>{' '}
          {pickText(c.message, i18n.language, c.code)}
        </li>
      ))}
    </ul>
  );
}
