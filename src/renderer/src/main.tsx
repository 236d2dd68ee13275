import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import './styles.css';
import { App } from './App';
import { ApplicantScreen } from './applicant/ApplicantScreen';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {/* The applicant's display (a second window, or a tablet at the display address's /display) is its own page: it signs nobody in. */}
    {location.hash === '#display' || location.pathname === '/display' ? <ApplicantScreen /> : <App />}
  </StrictMode>,
);
