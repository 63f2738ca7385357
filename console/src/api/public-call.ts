// Operations sent before anyone is signed in (signIn, signUp): plain fetch, no urql client yet.
import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

export async function publicCall<R, V>(doc: TypedDocumentNode<R, V>, variables: V): Promise<{ data: R } | { error: string }> {
  try {
    const res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: print(doc), variables }),
    });
    const body = (await res.json().catch(() => ({}))) as { data?: R | null; errors?: { message: string }[] };
    // the API's messages are written for people (e.g. why a sign-up is refused): shown as they are
    if (body.errors?.length) return { error: body.errors.map((e) => e.message).join(' ') };
    if (!res.ok || !body.data) return { error: `The gateway answered HTTP ${res.status}; try again.` };
    return { data: body.data };
  } catch {
    return { error: 'The gateway cannot be reached; is the platform running?' };
  }
}
