// @vitest-environment jsdom
import './support/dom-shims';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApplyPreview } from '../../../shared/features/checkpoints/checkpoints.contract';

let preview: ApplyPreview;
vi.mock('../../../renderer/src/api/client', () => ({
  api: { invoke: () => Promise.resolve(preview), on: () => () => undefined, onStatus: () => () => undefined },
}));
const { ApplyCheckpointDialog } = await import('../../../renderer/src/features/checkpoints/apply-checkpoint-dialog');

beforeAll(async () => {
  const { setupI18n } = await import('../../../renderer/src/i18n/i18n');
  await setupI18n();
});
afterEach(cleanup);

const base: ApplyPreview = {
  checkpointName: 'before patch',
  resultingState: 'Off',
  discardsCurrentState: true,
  domainController: true,
  roleSource: 'kvp',
  multiVmGroups: [],
  required: ['domain-controller'],
};

async function dcTitle(p: ApplyPreview): Promise<string | null> {
  preview = p;
  render(<ApplyCheckpointDialog vm={{ hostId: 'lab', vmId: 'v1', vmName: 'SRV9' }} checkpointId="c1" revert={false} onClose={() => undefined} />);
  return (await screen.findByTestId('cp-apply-dc-title')).textContent;
}

describe('the Apply dialog names the role it warns about', () => {
  it('a VM that reported a DC role is called a domain controller', async () => {
    expect(await dcTitle(base)).toBe('This VM is a domain controller');
  });

  it('a VM whose role is unknown is not called a DC: its role is unknown and it is treated as a possible one', async () => {
    const title = await dcTitle({ ...base, roleSource: 'unknown' });
    expect(title).toBe("This VM's role is unknown: it is treated as a possible domain controller");
    expect(screen.getByTestId('cp-apply-dc-warning').textContent).toContain('VM-GenerationID');
  });
});
