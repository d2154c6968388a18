import { describe, expect, it } from 'vitest';
import { displayPathFrom } from '../../../src/report/display-path.js';

describe('displayPathFrom', () => {
  it('keeps repository-relative paths at the top level', () => {
    expect(displayPathFrom('/repo', '/repo')('svc/orders.py')).toBe('svc/orders.py');
  });

  it('names files relative to a subfolder, upwards too', () => {
    const shown = displayPathFrom('/repo/svc/billing', '/repo');
    expect(shown('svc/billing/invoices.py')).toBe('invoices.py');
    expect(shown('svc/orders.py')).toBe('../orders.py');
    expect(shown('README.py')).toBe('../../README.py');
  });

  it('keeps the path as it is when the top level is unknown (nothing was checked)', () => {
    expect(displayPathFrom('/repo/svc', undefined)('svc/orders.py')).toBe('svc/orders.py');
  });
});
