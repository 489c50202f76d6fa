import { configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { stubFetch } from '../../app/fetchStub';
import { XSS } from '../testing/mockApi';
import {
  addRow, fieldRows, freeFields, linkFields, pickForm, targetFields,
} from './createRecord';
import { defaultConfig, NODE_KINDS, type ProcessNode } from './graph';
import { NodeProperties, type NodePropertiesProps } from './NodeProperties';

vi.setConfig({ testTimeout: 30000 });
configure({ asyncUtilTimeout: 10000 });
afterEach(() => vi.unstubAllGlobals());

const weekForm = { schema: { type: 'object', properties: {} }, layout: { sections: [{ fields: [
  { name: 'rep', kind: 'user', label: { en: 'Rep' } },
  { name: 'week', kind: 'text', label: { en: XSS } },
  { name: 'score', kind: 'number', label: { en: 'Score' } },
  { name: 'lead', kind: 'record_link', label: { en: 'Lead' } },
] }] } };

const forms = { items: [
  { id: 'f1', kind: 'form', key: 'match_week', name: { en: 'Match week' }, status: 'published',
    published_version: 2 },
] };

function props(node: ProcessNode, onConfig = vi.fn()): NodePropertiesProps {
  return { node, onConfig, problems: [{ pointer: '/graph/nodes/0/config/fields/score',
    node: node.id, code: 'invalid_expression', message: 'Not an expression' }],
  choices: { forms: [], calendars: [],
    published: [{ value: 'match_week', label: 'Match week (match_week)' }] },
  onChange: vi.fn(), onRename: () => true, onRemove: vi.fn(), outgoing: [], targets: [],
  onConnect: vi.fn(), onPickEdge: vi.fn() };
}

const node: ProcessNode = { id: 'weekly', kind: 'create_record', position: { x: 0, y: 0 },
  config: { form: 'match_week', fields: { rep: 'record.owner', score: 'record.score *' } } };

describe('create record model', () => {
  const fields = targetFields(weekForm);

  it('reads the target fields and the link fields of a form', () => {
    expect(fields.map((f) => f.name)).toEqual(['rep', 'week', 'score', 'lead']);
    expect(linkFields(fields).map((f) => f.name)).toEqual(['lead']);
  });

  it('adds rows for free fields only, never the link field', () => {
    const rows = fieldRows({ fields: { rep: 'record.owner', week: 7 } });
    expect(rows).toEqual([['rep', 'record.owner'], ['week', '']]);
    const free = freeFields(fields, rows, 'lead');
    expect(free.map((f) => f.name)).toEqual(['score']);
    expect(addRow(rows, free)).toEqual([...rows, ['score', '']]);
    expect(addRow(rows, [])).toBe(rows);
    expect(fieldRows({})).toEqual([]);
  });

  it('starts a new form with no values and no link', () => {
    expect(pickForm({ form: 'a', fields: { x: '1' }, link_field: 'l' }, 'b'))
      .toEqual({ form: 'b', fields: {}, link_field: undefined });
    expect(pickForm({ form: 'a' }, 'a')).toEqual({});
  });

  it('is in the palette after create ticket with a config the server accepts', () => {
    expect(NODE_KINDS.indexOf('create_record')).toBe(NODE_KINDS.indexOf('create_ticket') + 1);
    expect(defaultConfig('create_record')).toEqual({ form: '', fields: {} });
  });
});

describe('create record step', () => {
  function renderStep(onConfig = vi.fn(), n = node) {
    stubFetch({ 'GET /api/v1/forms': forms,
      'GET /api/v1/forms/f1/versions/2': { version: 2, content: weekForm } });
    render(<NodeProperties {...props(n, onConfig)} />);
    return onConfig;
  }

  it('edits field values with findings on their expression', async () => {
    const onConfig = renderStep();
    const score = await screen.findByDisplayValue('record.score *');
    expect(score.closest('.ant-form-item')?.textContent).toContain('Not an expression');
    fireEvent.change(score, { target: { value: 'record.score * 100' } });
    expect(onConfig).toHaveBeenLastCalledWith({ fields: { rep: 'record.owner',
      score: 'record.score * 100' } });
    fireEvent.click(screen.getByRole('button', { name: /Add field/ }));
    expect(onConfig).toHaveBeenLastCalledWith({ fields: { rep: 'record.owner',
      score: 'record.score *', week: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Remove rep' }));
    expect(onConfig).toHaveBeenLastCalledWith({ fields: { score: 'record.score *' } });
  });

  it('offers only record-link fields as the link back', async () => {
    const onConfig = renderStep();
    const link = await screen.findByRole('combobox', { name: 'Link back through' });
    fireEvent.mouseDown(link);
    const list = await screen.findByRole('listbox');
    const offered = [...document.querySelectorAll('.ant-select-item-option')]
      .map((o) => o.getAttribute('title'));
    expect(offered).toEqual(['Lead (lead)']);
    expect(list).toBeTruthy();
    fireEvent.click(within(document.body).getByTitle('Lead (lead)'));
    expect(onConfig).toHaveBeenLastCalledWith({ link_field: 'lead' });
  });

  it('shows field labels as text and picks published forms only', async () => {
    renderStep(vi.fn(), { ...node, config: { form: 'match_week', fields: { week: '' } } });
    await waitFor(() => expect(screen.getAllByText(`${XSS} (week)`).length).toBeGreaterThan(0));
    expect(document.querySelector('img')).toBeNull();
    fireEvent.mouseDown(screen.getByRole('combobox', { name: 'Form of the new record' }));
    await waitFor(() => expect(document.querySelectorAll('.ant-select-item-option').length)
      .toBeGreaterThan(0));
    expect([...document.querySelectorAll('.ant-select-item-option')]
      .map((o) => o.getAttribute('title'))).toContain('Match week (match_week)');
  });

  it('sets the owner rule, the source record’s owner by default', async () => {
    const onConfig = renderStep();
    await screen.findByDisplayValue('record.score *');
    const owner = screen.getByRole('group', { name: 'Owner of the new record' });
    expect(within(owner).getByText('This record’s owner')).toBeTruthy();
    fireEvent.mouseDown(within(owner).getByRole('combobox'));
    fireEvent.click(await screen.findByTitle('Owner’s manager'));
    expect(onConfig).toHaveBeenLastCalledWith({ owner: { rule: 'owner_manager' } });
  });
});
