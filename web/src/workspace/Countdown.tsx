import { useEffect, useState } from 'react';
import { serverNow } from '../api/client';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { countdown, splitMinutes } from './sla';

/** The server's current time, ticking every 30 seconds. */
export function useNow(): number {
  const [now, setNow] = useState(() => serverNow());
  useEffect(() => {
    setNow(serverNow());
    const id = setInterval(() => setNow(serverNow()), 30000);
    return () => clearInterval(id);
  }, []);
  return now;
}

/**
 * An SLA countdown against the server's clock; overdue, when the server
 * says so, wins.
 */
export function SlaCountdown({ due, overdue }: { due: string | null; overdue?: boolean }) {
  const { t } = useTranslation();
  const now = useNow();
  const c = countdown(due, now);
  if (c.state === 'none') return <span className="fw-muted">{t('inbox.no_due')}</span>;
  const [d, h, m] = splitMinutes(c.minutes);
  const span = t('time.span', { d, h, m, context: d > 0 ? 'days' : undefined });
  if (overdue || c.state === 'overdue') {
    return <Tag color="red" className="fw-overdue">
      {c.state === 'overdue' ? t('inbox.overdue_by', { span }) : t('inbox.overdue')}</Tag>;
  }
  return <Tag color={c.state === 'soon' ? 'orange' : 'default'}>{t('inbox.due_in', { span })}</Tag>;
}
