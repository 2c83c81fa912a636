/**
 * Links to the operations handbook shipped with these screens: web-src/public/handbook/*.html (generated
 * from docs/handbook by packages/handbook) is deployed next to index.html, so the link is relative and
 * opens with no internet access. Same anchor as prima-core's handbookAnchor (the handbook package's test
 * checks every code's anchor is in this copy).
 */
import { Link } from '@adobe/react-spectrum';

export const problemHandbookHref = (code: string) =>
  `./handbook/exceptions.html#exception-${code.replaceAll('_', '-')}`;

export function HandbookLink({ code }: { code: string }) {
  return (
    <Link href={problemHandbookHref(code)} target="_blank" rel="noreferrer">
      Step by step in the handbook
    </Link>
  );
}
