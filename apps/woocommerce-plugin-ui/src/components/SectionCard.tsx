import { Card, CardBody, CardHeader } from '@wordpress/components';
import type { ReactNode } from 'react';
import { MessageNotice, type Msg } from './notices';

/**
 * A settings card or setup step: its title, a line on what it is for, then the outcome of its last action
 * above its fields (so the person sees it where they clicked). `onRemoveMsg` lets them close that message.
 */
export function SectionCard({
  title,
  intro,
  msg = null,
  onRemoveMsg,
  wide = false,
  children,
}: {
  title: string;
  intro?: string;
  msg?: Msg;
  onRemoveMsg?: () => void;
  wide?: boolean;
  children: ReactNode;
}) {
  return (
    <Card className={wide ? 'prima-connect-card prima-connect-wide' : 'prima-connect-card'}>
      <CardHeader>{title}</CardHeader>
      <CardBody>
        {intro ? <p>{intro}</p> : null}
        <MessageNotice msg={msg} onRemove={onRemoveMsg} />
        {children}
      </CardBody>
    </Card>
  );
}
