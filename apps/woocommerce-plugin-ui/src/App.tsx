import { TabPanel } from '@wordpress/components';
import { __ } from '@wordpress/i18n';
import { Dashboard } from './screens/Dashboard';
import { Exceptions } from './screens/Exceptions';
import { Mappings } from './screens/Mappings';
import { Reconciliation } from './screens/Reconciliation';
import { Settings } from './screens/Settings';

const TABS = [
  { name: 'dashboard', title: __('Dashboard', 'prima-connect') },
  { name: 'mappings', title: __('Mappings', 'prima-connect') },
  { name: 'exceptions', title: __('Exceptions', 'prima-connect') },
  { name: 'reconciliation', title: __('Reconciliation', 'prima-connect') },
  { name: 'settings', title: __('Settings', 'prima-connect') },
];

export function App({ initialTab }: { initialTab?: string }) {
  return (
    <TabPanel className="prima-connect-tabs" tabs={TABS} initialTabName={initialTab ?? 'dashboard'}>
      {(tab) => {
        switch (tab.name) {
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
