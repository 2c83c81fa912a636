import { Heading, Text, Well } from '@adobe/react-spectrum';

export function ErrorNote({ text }: { text: string }) {
  return (
    <Well role="region" aria-label="Problem">
      <Heading level={4}>Prima Connect could not load this page</Heading>
      <Text>{text}</Text>
    </Well>
  );
}
