import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectEarly } from './api/client';
import { AppShell } from './app/app-shell';
import { setupI18n } from './i18n/i18n';
import './app/app.css';

async function boot(): Promise<void> {
  connectEarly();
  await setupI18n();
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <AppShell />
    </StrictMode>,
  );
}

void boot();
