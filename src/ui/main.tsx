import '@xyflow/react/dist/style.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApp, startApp } from '../store/app';
import { AppContext } from './app-context';
import { Editor } from './Editor';
import { openLinkInAddress } from './file-actions';

const app = createApp();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppContext.Provider value={app}>
      <Editor />
    </AppContext.Provider>
  </StrictMode>,
);
void startApp(app, () => openLinkInAddress(app)).catch((e: unknown) =>
  app.run.setState({ hostError: (e as Error).message }),
);
// A link pasted into this tab's address bar changes only the fragment: no reload, so open it here.
window.addEventListener('hashchange', () => void openLinkInAddress(app));
