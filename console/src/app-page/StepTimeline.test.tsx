import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { StepTimeline } from './StepTimeline';

describe('StepTimeline', () => {
  it('shows each step with its status in words, attempts, and the failure message', () => {
    render(
      <StepTimeline
        steps={[
          { name: 'CLONE', status: 'SUCCEEDED', attempt: 1, startedAt: '2026-11-22T10:00:00.000Z', finishedAt: '2026-11-22T10:00:00.250Z' },
          {
            name: 'BUILD',
            status: 'COMPENSATED',
            attempt: 2,
            startedAt: '2026-11-22T10:00:01Z',
            finishedAt: '2026-11-22T10:00:03Z',
            message: 'Undone after a later step failed.',
          },
          { name: 'VERIFY', status: 'FAILED', attempt: 1, message: 'Health check failed: GET / answered HTTP 500' },
          { name: 'ROUTE', status: 'SKIPPED', attempt: 1 },
        ]}
      />,
    );
    const items = within(screen.getByRole('list', { name: 'Steps' })).getAllByRole('listitem');
    expect(items.map((i) => i.dataset.step)).toEqual(['CLONE', 'BUILD', 'VERIFY', 'ROUTE']);
    expect(items[0]!.textContent).toContain('succeeded');
    expect(items[0]!.textContent).toContain('250 ms');
    expect(items[1]!.textContent).toContain('attempt 2');
    expect(items[2]!.textContent).toContain('Health check failed: GET / answered HTTP 500');
  });
});
