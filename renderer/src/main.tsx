import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { api, connectEarly } from './api/client';
import { AppShell } from './app/app-shell';
import { applyRememberedTheme } from './app/theme';
import { setupI18n } from './i18n/i18n';
import { QueryLayer } from './query/api-context';
import { queryClient } from './query/query-client';
import './app/app.css';
import './ui/ui.css';

async function boot(): Promise<void> {
  connectEarly();
  applyRememberedTheme();
  await setupI18n();
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <QueryLayer api={api} client={queryClient}>
        <AppShell />
      </QueryLayer>
    </StrictMode>,
  );
}

void boot();
