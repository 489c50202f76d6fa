import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';

import { NS } from '../locales';
import { LOCALES, type Text } from './text';

/** LocalizedInputProps are the props of LocalizedInput. */
export interface LocalizedInputProps {
  label: string;
  value: Text | undefined;
  onChange: (t: Text) => void;
  multiline?: boolean;
  /** errors are shown under the inputs, as text. */
  errors?: string[];
  id: string;
}

/** LocalizedInput edits one text in every locale, one input per locale. */
export function LocalizedInput({ label, value, onChange, multiline, errors, id }:
  LocalizedInputProps) {
  const { t } = useTranslation(NS);
  const names = { 'zh-CN': t('common.localeZh'), en: t('common.localeEn') };
  return (
    <Form.Item label={label} validateStatus={errors?.length ? 'error' : undefined}
      help={errors?.length ? errors.join(' ') : undefined}>
      {LOCALES.map((l) => {
        const common = {
          id: `${id}-${l}`, value: value?.[l] ?? '', 'aria-label': `${label} (${names[l]})`,
          onChange: (e: { target: { value: string } }) =>
            onChange({ ...(value ?? {}), [l]: e.target.value }),
        };
        return (
          <div className="fw-locale-row" key={l}>
            <span className="fw-locale-tag" aria-hidden>{l === 'en' ? 'EN' : '中'}</span>
            {multiline ? <Input.TextArea rows={2} {...common} />
              : <Input {...common} />}
          </div>
        );
      })}
    </Form.Item>
  );
}
