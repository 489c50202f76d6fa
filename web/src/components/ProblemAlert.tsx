import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/client';

/** Renders a refused request (or any error) as an alert; text only, never HTML. */
export function ProblemAlert({ error, onClose }: { error: unknown; onClose?: () => void }) {
  const { t } = useTranslation();
  if (!error) return null;
  let title = t('error.generic');
  let detail = '';
  let items: string[] = [];
  if (error instanceof ApiProblem) {
    title = error.title || title;
    detail = error.detail;
    items = error.fields.filter((f) => f.message).map((f) => f.message);
  } else if (error instanceof Error) {
    detail = error.message;
  }
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={title}
      closable={onClose ? { onClose } : undefined}
      description={
        detail || items.length ? (
          <>
            {detail ? <div>{detail}</div> : null}
            {items.length ? (
              <ul className="fw-problem-list">
                {items.map((m, i) => (
                  <li key={i}>{m}</li>
                ))}
              </ul>
            ) : null}
          </>
        ) : undefined
      }
    />
  );
}
