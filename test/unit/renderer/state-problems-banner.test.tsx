// @vitest-environment jsdom
import './support/dom-shims';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StateFileProblem } from '../../../shared/features/app/app.contract';
import { StateProblemsBanner } from '../../../renderer/src/app/state-problems-banner';
import { QueryLayer } from '../../../renderer/src/query/api-context';
import { createQueryClient } from '../../../renderer/src/query/query-client';
import { fakeApi } from './support/fake-api';

beforeAll(async () => {
  const { setupI18n } = await import('../../../renderer/src/i18n/i18n');
  await setupI18n();
});
afterEach(cleanup);

function mount(problems: StateFileProblem[]) {
  const fake = fakeApi({
    'app.problems': () => ({ problems: [...problems] }),
    'app.dismissProblem': (input) => {
      const { keptAt } = input as { keptAt: string };
      const i = problems.findIndex((p) => p.keptAt === keptAt);
      if (i >= 0) problems.splice(i, 1);
      return { dismissed: i >= 0 };
    },
  });
  render(
    <QueryLayer api={fake.api} client={createQueryClient()}>
      <StateProblemsBanner />
    </QueryLayer>,
  );
  return fake;
}

describe('the state problems banner', () => {
  it('names the unreadable file and where the original was kept, and goes when dismissed', async () => {
    const fake = mount([{ file: '/data/inventory-prefs.json', keptAt: '/data/inventory-prefs.json.unreadable-77', reason: 'not JSON: Unexpected end' }]);
    const item = await screen.findByTestId('state-problem');
    expect(item.textContent).toContain('/data/inventory-prefs.json');
    expect(item.textContent).toContain('kept as /data/inventory-prefs.json.unreadable-77');
    expect(item.textContent).toContain('not JSON: Unexpected end');
    fireEvent.click(screen.getByTestId('state-problem-dismiss'));
    await waitFor(() => expect(screen.queryByTestId('state-problems')).toBeNull());
    expect(fake.callsTo('app.dismissProblem')).toEqual([{ channel: 'app.dismissProblem', input: { keptAt: '/data/inventory-prefs.json.unreadable-77' } }]);
  });

  it('shows nothing while there is no problem, and appears when main signals app.problemsChanged', async () => {
    const problems: StateFileProblem[] = [];
    const fake = mount(problems);
    await waitFor(() => expect(fake.callsTo('app.problems')).toHaveLength(1));
    expect(screen.queryByTestId('state-problems')).toBeNull();
    problems.push({ file: '/data/tasks.jsonl', keptAt: '/data/tasks.jsonl.unreadable-5', reason: '1 unreadable line(s)' });
    act(() => fake.emit('app.problemsChanged', {}));
    expect((await screen.findByTestId('state-problem')).textContent).toContain('/data/tasks.jsonl.unreadable-5');
  });
});
