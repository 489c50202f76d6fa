import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import { FormRenderer } from './FormRenderer';
import { cleanData } from './formModel';
import type { FormContent, FormData } from './formModel';

const evil = '<img src=x onerror=alert(1)>';

const lead: FormContent = {
  schema: {
    type: 'object',
    required: ['company', 'budget_cycle'],
    properties: {
      company: { type: 'string' },
      budget_cycle: { type: 'string', enum: ['monthly', 'annual'] },
      note: { type: 'string' },
    },
  },
  layout: { sections: [{ title: { en: 'Contact', 'zh-CN': '联系' }, columns: 2, fields: [
    { name: 'company', kind: 'text', label: { en: 'Company', 'zh-CN': '公司' } },
    { name: 'budget_cycle', kind: 'select', widget: 'radio', label: { en: 'Budget cycle' },
      settings: { options: [{ value: 'monthly', label: { en: 'Monthly' } },
        { value: 'annual', label: { en: evil } }] } },
    { name: 'note', kind: 'long_text', label: { en: evil }, help: { en: evil } },
  ] }] },
};

function Harness({ onData, errors }: { onData?: (d: FormData) => void;
  errors?: Record<string, string[]> }) {
  const [v, setV] = useState<FormData>({});
  return <FormRenderer form={lead} value={v} errors={errors}
    onChange={(d) => { setV(d); onData?.(d); }} />;
}

describe('FormRenderer', () => {
  it('renders the layout in the current language and reports changes', () => {
    const onData = vi.fn();
    render(<Harness onData={onData} />);
    expect(screen.getByText('Contact')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Company'), { target: { value: 'Acme' } });
    expect(onData).toHaveBeenLastCalledWith({ company: 'Acme' });
    fireEvent.click(screen.getByLabelText('Monthly'));
    expect(onData).toHaveBeenLastCalledWith({ company: 'Acme', budget_cycle: 'monthly' });
  });

  it('shows server errors under their fields and the rest on top', () => {
    render(<Harness errors={{ budget_cycle: ['Budget cycle is required'],
      ghost: ['Something else is wrong'] }} />);
    const item = document.querySelector('[data-field="budget_cycle"]');
    expect(item?.textContent).toContain('Budget cycle is required');
    expect(item?.querySelector('.ant-form-item-has-error, .ant-form-item-explain-error'))
      .toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('Something else is wrong');
  });

  it('renders a label of markup as text, never as an element', () => {
    const { container } = render(<Harness />);
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getAllByText(evil).length).toBeGreaterThanOrEqual(3);
  });
});

describe('FormRenderer file fields', () => {
  const visit: FormContent = {
    schema: { type: 'object', properties: { photos: { type: 'array' }, sign: { type: 'object' } } },
    layout: { sections: [{ fields: [
      { name: 'photos', kind: 'attachment', label: { en: 'Photos' },
        settings: { max_files: 2, allowed_types: ['image/*'] } },
      { name: 'sign', kind: 'signature', label: { en: 'Rep signature' } },
      { name: 'client', kind: 'signature', label: { en: 'Customer signature' },
        settings: { signer: 'customer' } },
    ] }] },
  };

  it('renders an upload control and a signature pad, keeping other values', async () => {
    const onChange = vi.fn();
    const uploader = vi.fn(() => Promise.resolve({ id: 'f1', name: 'a.png', size: 1,
      content_type: 'image/png', sha256: '', purpose: 'attachment' as const,
      uploaded_by: 'u', uploaded_at: '' }));
    render(<FormRenderer form={visit} value={{ note: 'kept' }} onChange={onChange}
      uploader={uploader} signer="Wang Lei" />);
    expect(screen.queryByText('This field is filled in on the mobile app.')).toBeNull();
    expect(screen.getByRole('button', { name: /Upload a file/ })).toBeTruthy();
    expect(screen.getByText('Signing as Wang Lei')).toBeTruthy();
    expect(screen.getByLabelText('Customer name')).toHaveProperty('value', '');
    const input = document.querySelector('input[type="file"]') as HTMLInputElement;
    expect(input.getAttribute('accept')).toBe('image/*');

    fireEvent.change(input, { target: { files: [new File(['x'], 'a.png')] } });
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledWith({ note: 'kept',
      photos: [{ id: 'f1', name: 'a.png', size: 1, content_type: 'image/png' }] }));
  });
});

describe('cleanData', () => {
  it('drops empty values so the server reports them as missing', () => {
    expect(cleanData({ a: '', b: undefined, c: [], d: 0, e: false, f: 'x' }))
      .toEqual({ d: 0, e: false, f: 'x' });
  });
});
