// First: zod must be jitless before any schema module loads (lib/halo/zod-jitless.ts).
import '@/lib/halo/zod-jitless';
import { createRoot } from 'react-dom/client';
import '../popup/style.css';
import { WelcomePage } from '@/components/welcome-page';

createRoot(document.getElementById('root')!).render(<WelcomePage />);
