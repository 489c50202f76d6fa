import { useMemo } from 'react';
import { Button, Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { hasRole, useAuth } from '../auth/AuthContext';
import { PageState } from '../components';
import { retryRoles } from './deliveries';
import { DeliveryTable } from './DeliveryTable';
import { NS } from './locales';
import { useDeliveries } from './useDeliveries';

/**
 * The messages sent for one record, so its people see whether a reminder
 * went out; tick reloads it after a change on the page.
 */
export function RecordDeliveries({ recordId, tick = 0 }: { recordId: string; tick?: number }) {
  const { t } = useTranslation(NS);
  const { me } = useAuth();
  const filter = useMemo(() => ({ record_id: recordId }), [recordId]);
  const log = useDeliveries(filter, tick);
  const first = log.items.length === 0;
  return (
    <Card title={t('record_title')} className="fw-mt" data-section="deliveries">
      <PageState loading={first && log.loading} error={log.error} onRetry={log.reload}
        empty={first} emptyText={t('record_empty')}>
        <DeliveryTable items={log.items} canRetry={hasRole(me, ...retryRoles)}
          onRetried={log.replace} />
        {log.next ? (
          <Button className="fw-mt" loading={log.loading} onClick={log.more}>{t('more')}</Button>
        ) : null}
      </PageState>
    </Card>
  );
}
