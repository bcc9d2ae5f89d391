import type { FormReply } from '@agora/ui/forms';
import { Form, useActionData, useSearchParams } from '@remix-run/react';
import type { ReactNode } from 'react';
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
  const data = useActionData<FormReply>();
  const email = typeof data?.values?.email === 'string' ? data.values.email : undefined;
  const [params] = useSearchParams();
  return (
    <main className="narrow">
      <h1>{title}</h1>
      {params.get('reset') ? (
        <Notice kind="success">Your password was changed. Sign in with the new one.</Notice>
      ) : null}
      {data?.message ? <Notice kind="error">{data.message}</Notice> : null}
      <Form method="post">
        <Csrf />
        <input type="hidden" name="next" value={params.get('next') ?? fallback} />
        <Field
          label="Email"
          name="email"
          type="email"
          required
          autoComplete="username"
          defaultValue={email}
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
