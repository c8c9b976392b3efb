// @vitest-environment jsdom
import './support/dom-shims';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { P2vJob } from '../../../shared/features/p2v/p2v.contract';
import { P2vPlanForm } from '../../../renderer/src/features/p2v/p2v-plan-form';
import { setupI18n } from '../../../renderer/src/i18n/i18n';
import { QueryLayer } from '../../../renderer/src/query/api-context';
import { createQueryClient } from '../../../renderer/src/query/query-client';
import { fakeApi } from './support/fake-api';

// The P2V plan's VM name: a name the plan would refuse says why next to the field and cannot be sent; a name
// with brackets is a legal Hyper-V name and goes through (the scripts address the VM by Id).
const job = { id: 'j1', preflight: { facts: { computerName: 'SRV1', logicalProcessors: 4, memoryBytes: 8 * 1024 ** 3, partitions: [], target: { path: 'E:\\p2v' } } } } as unknown as P2vJob;
const fake = fakeApi({ 'hosts.list': () => ({ hosts: [{ id: 'lab', name: 'Lab', transport: 'lab', hasCredential: false, status: { state: 'ready', since: 'x' } }] }) });

beforeAll(() => setupI18n());
afterEach(cleanup);

function show() {
  render(
    <QueryLayer api={fake.api} client={createQueryClient()}>
      <P2vPlanForm job={job} />
    </QueryLayer>,
  );
}
const name = (value: string) => fireEvent.change(screen.getByTestId('p2v-vm-name'), { target: { value } });
const error = () => screen.queryByTestId('p2v-vm-name-error')?.textContent ?? null;
const makePlan = () => screen.getByTestId('p2v-make-plan') as HTMLButtonElement;

describe('P2V plan: the VM name field', () => {
  it('says why a name is refused, next to the field, and keeps the plan from being sent', async () => {
    show();
    await screen.findByRole('option', { name: 'Lab' });
    name('LEGACY-APP ');
    expect(error()).toBe('The name cannot start or end with a space.');
    expect(makePlan().disabled).toBe(true);
    name('DC*');
    expect(error()).toMatch(/cannot contain/);
    expect(makePlan().disabled).toBe(true);
  });

  it('accepts a name with brackets', async () => {
    show();
    await screen.findByRole('option', { name: 'Lab' });
    name('LEGACY-AP[P]');
    expect(error()).toBeNull();
    expect(makePlan().disabled).toBe(false);
  });
});
