import { createRoot } from 'react-dom/client';
import '../popup/style.css';
import { OptionsForm } from '@/components/options-form';

createRoot(document.getElementById('root')!).render(<OptionsForm />);
