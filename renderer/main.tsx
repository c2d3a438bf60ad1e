import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { configureClient } from './api/client';
import { readToken } from './api/token';
import { App } from './App';
import { applyTheme } from './store/settings';
import { statusStore } from './store/status';
import './styles/theme.css';
import './styles/base.css';
import './styles/shell.css';
import './styles/inbox.css';
import './styles/detail.css';
import './styles/code.css';

// Before the first render, so the page never flashes the wrong theme.
applyTheme();

const token = readToken();
// Pasting the printed URL into a tab already showing the UI only changes the fragment: start over with it.
window.addEventListener('hashchange', () => {
  if (/(^#|&)token=/.test(location.hash)) location.reload();
});
if (token) configureClient({ token, onUnauthorized: () => statusStore.setState({ unauthorized: true }) });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App token={token} />
  </StrictMode>,
);
