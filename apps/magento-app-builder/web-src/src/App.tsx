import { defaultTheme, Heading, Item, Provider, TabList, TabPanels, Tabs, View } from '@adobe/react-spectrum';
import { useEffect, useState } from 'react';
import { type HostContext, hostContext, registerExtension } from './host';
import { Dashboard } from './screens/Dashboard';
import { Exceptions } from './screens/Exceptions';
import { Mappings } from './screens/Mappings';
import { Onboarding } from './screens/Onboarding';
import { OrderView } from './screens/OrderView';
import { Reconciliation } from './screens/Reconciliation';
import { Settings } from './screens/Settings';

type Tab = 'dashboard' | 'mappings' | 'exceptions' | 'reconciliation' | 'settings' | 'setup';
const TABS: Tab[] = ['dashboard', 'mappings', 'exceptions', 'reconciliation', 'settings', 'setup'];

/** Hash routes: #/ (menu page with tabs, #/mappings etc. open a tab), #/order-view?orderId= (order button). */
function route(): { page: 'main' | 'order-view'; tab: Tab } {
  const path = window.location.hash.replace(/^#\/?/, '').split('?')[0] ?? '';
  if (path === 'order-view') return { page: 'order-view', tab: 'dashboard' };
  return { page: 'main', tab: (TABS as string[]).includes(path) ? (path as Tab) : 'dashboard' };
}

export function App() {
  const [host, setHost] = useState<HostContext>();
  const [{ page, tab }, setRoute] = useState(route());
  useEffect(() => {
    registerExtension().catch(() => undefined);
    hostContext().then(setHost, () => setHost({}));
    const onHash = () => setRoute(route());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return (
    <Provider theme={defaultTheme} colorScheme="light" minHeight="100vh">
      <View padding="size-300">
        <Heading level={1}>Prima Connect</Heading>
        {!host ? null : page === 'order-view' ? (
          <OrderView host={host} />
        ) : (
          <Tabs
            aria-label="Prima Connect"
            selectedKey={tab}
            onSelectionChange={(k) => (window.location.hash = `#/${String(k)}`)}
          >
            <TabList>
              <Item key="dashboard">Dashboard</Item>
              <Item key="mappings">Mappings</Item>
              <Item key="exceptions">Exceptions</Item>
              <Item key="reconciliation">Reconciliation</Item>
              <Item key="settings">Settings</Item>
              <Item key="setup">Setup</Item>
            </TabList>
            <TabPanels>
              <Item key="dashboard">
                <View paddingTop="size-300">
                  <Dashboard host={host} />
                </View>
              </Item>
              <Item key="mappings">
                <View paddingTop="size-300">
                  <Mappings host={host} />
                </View>
              </Item>
              <Item key="exceptions">
                <View paddingTop="size-300">
                  <Exceptions host={host} />
                </View>
              </Item>
              <Item key="reconciliation">
                <View paddingTop="size-300">
                  <Reconciliation host={host} />
                </View>
              </Item>
              <Item key="settings">
                <View paddingTop="size-300">
                  <Settings host={host} />
                </View>
              </Item>
              <Item key="setup">
                <View paddingTop="size-300">
                  <Onboarding host={host} />
                </View>
              </Item>
            </TabPanels>
          </Tabs>
        )}
      </View>
    </Provider>
  );
}
