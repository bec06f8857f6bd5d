// First: zod must be jitless before any schema module loads (lib/halo/zod-jitless.ts).
import '@/lib/halo/zod-jitless';
import { createRoot } from 'react-dom/client';
import { applyUiLocale } from '@/lib/i18n/ui-locale';
import '../popup/style.css';
import { WelcomePage } from '@/components/welcome-page';
import { i18n } from '#i18n';

applyUiLocale();
document.title = i18n.t('welcome.title');
createRoot(document.getElementById('root')!).render(<WelcomePage />);
