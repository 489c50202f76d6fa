import { Alert, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { PageState, ProblemAlert } from '../../components';
import { NS } from '../locales';
import { ChangeList } from './ChangeList';
import { diffVersions, type Change, type DefinitionKind } from './definitions';

/** PublishDialogProps are the props of PublishDialog. */
export interface PublishDialogProps {
  open: boolean;
  kind: DefinitionKind;
  id: string;
  /** published is the latest published version; 0 when never published. */
  published: number;
  /** dirty says the draft has unsaved edits, which are saved first. */
  dirty: boolean;
  onPublish: () => Promise<void>;
  onClose: () => void;
}

/**
 * PublishDialog shows what publishing would change against the latest
 * version (the saved draft's diff) and publishes on confirmation.
 */
export function PublishDialog(props: PublishDialogProps) {
  const { open, kind, id, published, dirty, onPublish, onClose } = props;
  const { t } = useTranslation(NS);
  const [changes, setChanges] = useState<Change[]>();
  const [loadError, setLoadError] = useState<unknown>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    setChanges(undefined);
    setLoadError(undefined);
    setError(undefined);
    if (published === 0) {
      setChanges([]);
      return;
    }
    diffVersions(kind, id, published, 0).then((d) => setChanges(d.changes), setLoadError);
  }, [open, kind, id, published]);

  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await onPublish();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const breaking = (changes ?? []).some((c) => c.breaking);
  return (
    <Modal open={open} title={t('publish.title', { version: published + 1 })}
      okText={t('publish.confirm')} cancelText={t('common.cancel')} onOk={confirm}
      onCancel={onClose} confirmLoading={busy} okButtonProps={{ danger: breaking }}>
      {dirty ? <Typography.Paragraph type="secondary">{t('publish.saveFirst')}
      </Typography.Paragraph> : null}
      <PageState loading={changes === undefined && !loadError} error={loadError}>
        {published === 0 ? <Typography.Paragraph>{t('publish.first')}</Typography.Paragraph>
          : <ChangeList changes={changes ?? []} emptyText={t('publish.noChanges')} />}
        {breaking ? <Alert type="warning" showIcon title={t('publish.breakingNote')} /> : null}
      </PageState>
      <ProblemAlert error={error} />
    </Modal>
  );
}
