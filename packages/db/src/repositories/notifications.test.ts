import { describe, expect, it } from 'vitest';
import { parseWorkerHealthReport } from './notifications.js';

describe('worker health reports on the NOTIFY channel', () => {
  it('keeps the known dependencies with a known state', () => {
    expect(parseWorkerHealthReport(JSON.stringify({ worker: 'n/1', states: { docker: 'up', edge: 'down', siteServer: 'maybe', database: 'up' } }))).toEqual({
      worker: 'n/1',
      states: { docker: 'up', edge: 'down' },
    });
  });

  it('drops what is not a report', () => {
    for (const payload of [
      '',
      'not json',
      'null',
      '[]',
      '"x"',
      '{"states":{}}',
      '{"worker":"","states":{}}',
      `{"worker":"${'x'.repeat(201)}","states":{}}`,
      '{"worker":"a"}',
    ])
      expect(parseWorkerHealthReport(payload)).toBeNull();
  });
});
