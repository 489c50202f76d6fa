import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { MemoryRouter } from 'react-router';
import { stubFetch } from '../app/fetchStub';
import GalleryPage from './GalleryPage';

afterEach(() => vi.unstubAllGlobals());

const base = { industries: ['general'], sizes: ['s'], capabilities: [], version: '1.0.0' };
const items = [
  { ...base, id: 'lead_followup', kind: 'pack', name: { en: 'Lead follow-up' } },
  { ...base, id: 'saas_edition', kind: 'edition', base: 'lead_followup',
    name: { en: '<img src=x onerror=alert(1)>' } },
  { ...base, id: 'starter_xs', kind: 'starter', name: { en: 'Up to 10 people' } },
];

function renderGallery() {
  return render(<AntApp><MemoryRouter><GalleryPage /></MemoryRouter></AntApp>);
}

describe('GalleryPage', () => {
  it('marks editions with their base and starters, names as text', async () => {
    stubFetch({ 'GET /api/v1/templates': { items } });
    renderGallery();
    expect(await screen.findByText('Edition of Lead follow-up')).toBeTruthy();
    expect(screen.getByText('Company-size starter')).toBeTruthy();
    expect(screen.getByText('<img src=x onerror=alert(1)>')).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
  });

  it('filters by kind on the server', async () => {
    const sent = stubFetch({ 'GET /api/v1/templates': { items } });
    renderGallery();
    await screen.findByText('Lead follow-up');
    fireEvent.mouseDown(screen.getByRole('combobox', { name: 'Kind' }));
    fireEvent.click(await screen.findByTitle('Industry edition'));
    await waitFor(() => expect(sent.some((s) => s.params.get('kind') === 'edition'))
      .toBe(true));
  });
});
