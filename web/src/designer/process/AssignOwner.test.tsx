import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import type { ProcessNode } from './graph';
import { NodeProperties, type NodePropertiesProps } from './NodeProperties';

function props(node: ProcessNode, onConfig = vi.fn()): NodePropertiesProps {
  return { node, onConfig, problems: [{ pointer: '/graph/nodes/0/config/routes/0/when',
    node: node.id, code: 'invalid_expression', message: 'Not an expression' }],
  choices: { forms: [], published: [], calendars: [] }, onChange: vi.fn(), onRename: () => true,
  onRemove: vi.fn(), outgoing: [], targets: [], onConnect: vi.fn(), onPickEdge: vi.fn() };
}

const node: ProcessNode = { id: 'assign', kind: 'assign_owner', position: { x: 0, y: 0 },
  config: { routes: [{ when: 'record.amount >', assignee: { rule: 'user', user: 'u_sup' } }],
    assignee: { rule: 'least_loaded', role: 'rep' } } };

describe('assign owner step', () => {
  it('edits its routes and the fallback, with findings on the route', () => {
    const onConfig = vi.fn();
    render(<NodeProperties {...props(node, onConfig)} />);
    const when = screen.getByDisplayValue('record.amount >');
    expect(when.closest('.ant-form-item')?.textContent).toContain('Not an expression');
    expect(screen.getByDisplayValue('u_sup')).toBeTruthy();
    expect(screen.getByDisplayValue('rep')).toBeTruthy();

    fireEvent.change(when,
      { target: { value: 'record.amount > 1000.0' } });
    expect(onConfig).toHaveBeenLastCalledWith({ routes: [{ when: 'record.amount > 1000.0',
      assignee: { rule: 'user', user: 'u_sup' } }] });

    fireEvent.click(screen.getByRole('button', { name: /Add route/ }));
    expect(onConfig.mock.lastCall?.[0].routes).toHaveLength(2);
    fireEvent.click(screen.getByRole('button', { name: 'Remove 1' }));
    expect(onConfig).toHaveBeenLastCalledWith({ routes: undefined });
  });
});
