import { Spinner, TabPanel } from '@wordpress/components';
import { __ } from '@wordpress/i18n';
import { Dashboard } from './screens/Dashboard';
import { Exceptions } from './screens/Exceptions';
import { Mappings } from './screens/Mappings';
import { Onboarding, useSetupFirst } from './screens/Onboarding';
import { Reconciliation } from './screens/Reconciliation';
import { Settings } from './screens/Settings';

const TABS = [
  { name: 'dashboard', title: __('Dashboard', 'prima-connect') },
  { name: 'mappings', title: __('Mappings', 'prima-connect') },
  { name: 'exceptions', title: __('Exceptions', 'prima-connect') },
  { name: 'reconciliation', title: __('Reconciliation', 'prima-connect') },
  { name: 'settings', title: __('Settings', 'prima-connect') },
];

const SETUP = { name: 'setup', title: __('Setup', 'prima-connect') };

export function App({ initialTab }: { initialTab?: string }) {
  // TabPanel picks its tab once: wait for the wizard's progress so an unfinished Setup opens first.
  const { ready, setupFirst } = useSetupFirst();
  if (!ready) return <Spinner />;
  return (
    <TabPanel
      className="prima-connect-tabs"
      tabs={setupFirst ? [SETUP, ...TABS] : [...TABS, SETUP]}
      initialTabName={initialTab ?? (setupFirst ? 'setup' : 'dashboard')}
    >
      {(tab) => {
        switch (tab.name) {
          case 'setup':
            return <Onboarding />;
          case 'mappings':
            return <Mappings />;
          case 'exceptions':
            return <Exceptions />;
          case 'reconciliation':
            return <Reconciliation />;
          case 'settings':
            return <Settings />;
          default:
            return <Dashboard />;
        }
      }}
    </TabPanel>
  );
}
