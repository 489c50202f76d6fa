import { Form, Segmented, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { NS } from '../locales';
import { FindingList } from '../shared/FindingList';
import type { FieldProblem } from '../shared/definitions';
import { LocalizedInput } from '../shared/LocalizedInput';
import type { DesignerSection } from './model';

/** SectionPropertiesProps are the props of SectionProperties. */
export interface SectionPropertiesProps {
  section: DesignerSection;
  problems: FieldProblem[];
  onChange: (change: Partial<Pick<DesignerSection, 'title' | 'columns'>>) => void;
}

/** SectionProperties edits a section's title and how many columns it has. */
export function SectionProperties({ section, problems, onChange }: SectionPropertiesProps) {
  const { t } = useTranslation(NS);
  return (
    <Form layout="vertical" size="small" className="fw-props">
      <Typography.Title level={5}>{t('form.props.section')}</Typography.Title>
      <LocalizedInput id={`fw-sec-${section.uid}`} label={t('form.props.title')}
        value={section.title} onChange={(title) => onChange({ title })} />
      <Form.Item label={t('form.columns')}>
        <Segmented aria-label={t('form.columns')} value={section.columns}
          options={[1, 2, 3, 4]} onChange={(v) => onChange({ columns: Number(v) })} />
      </Form.Item>
      <FindingList problems={problems} />
    </Form>
  );
}
