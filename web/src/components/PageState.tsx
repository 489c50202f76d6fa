import type { ReactNode } from 'react';
import { Button, Empty, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from './ProblemAlert';

/** Props of PageState. */
export interface PageStateProps {
  loading?: boolean;
  error?: unknown;
  empty?: boolean;
  emptyText?: ReactNode;
  onRetry?: () => void;
  children?: ReactNode;
}

/**
 * Shows loading, error (with retry) or empty instead of children, so every
 * screen handles the three states the same way.
 */
export function PageState({ loading, error, empty, emptyText, onRetry, children }: PageStateProps) {
  const { t } = useTranslation();
  if (error) {
    return (
      <Result
        status="warning"
        title={t('state.error')}
        subTitle={<ProblemAlert error={error} />}
        extra={
          onRetry ? (
            <Button type="primary" onClick={onRetry}>
              {t('action.retry')}
            </Button>
          ) : undefined
        }
      />
    );
  }
  if (loading) {
    return (
      <div className="fw-center" role="status" aria-live="polite">
        <Spin />
        <span className="fw-sr">{t('state.loading')}</span>
      </div>
    );
  }
  if (empty) return <Empty description={emptyText ?? t('state.empty')} />;
  return <>{children}</>;
}
