// First: zod must be jitless before any schema module loads (lib/halo/zod-jitless.ts).
import '@/lib/halo/zod-jitless';
import { createRoot } from 'react-dom/client';
import '../popup/style.css';
import { OptionsForm } from '@/components/options-form';

createRoot(document.getElementById('root')!).render(<OptionsForm />);
