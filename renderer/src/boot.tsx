// Mounts the UI and connects the store to a core client, whatever carries it.
import 'vazirmatn/Vazirmatn-Variable-font-face.css';
import './styles/base.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { ApiClient } from '../../common/api/rpc';
import { App } from './App';
import { connectStore } from './state/store';

export function boot(client: ApiClient): void {
  const el = document.getElementById('root');
  if (!el) throw new Error('index.html has no #root');
  createRoot(el).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  void connectStore(client);
}
