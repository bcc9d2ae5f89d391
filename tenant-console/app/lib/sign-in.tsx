import { Form, useActionData, useSearchParams } from '@remix-run/react';
import type { ReactNode } from 'react';
import type { SignInResult } from './sign-in.server.js';
import { Csrf, Field, Notice } from './ui.js';

export function SignInForm({
  title,
  fallback,
  children,
}: {
  title: string;
  fallback: string;
  children?: ReactNode;
}) {
  const data = useActionData<SignInResult>();
  const [params] = useSearchParams();
  return (
    <main className="narrow">
      <h1>{title}</h1>
      {params.get('reset') ? (
        <Notice kind="success">Your password was changed. Sign in with the new one.</Notice>
      ) : null}
      {data?.error ? <Notice kind="error">{data.error}</Notice> : null}
      <Form method="post">
        <Csrf />
        <input type="hidden" name="next" value={params.get('next') ?? fallback} />
        <Field
          label="Email"
          name="email"
          type="email"
          required
          autoComplete="username"
          defaultValue={data?.email}
          error={data?.fields?.email}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          required
          autoComplete="current-password"
          error={data?.fields?.password}
        />
        <button type="submit">Sign in</button>
      </Form>
      {children}
    </main>
  );
}
