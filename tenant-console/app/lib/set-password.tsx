import { ApiError } from '@agora/api-client';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { Csrf, Field, Notice } from './ui.js';

/** Shared by accept-invite and reset-password: a token from the email link plus a new password. */
export function tokenFromUrl(request: Request): string {
  const token = new URL(request.url).searchParams.get('token') ?? '';
  if (!token)
    throw new Response('This link is incomplete. Open the link from your email again.', { status: 400 });
  return token;
}

export function passwordErrors(e: unknown) {
  if (e instanceof ApiError && e.status < 500) return { error: e.message, fields: e.fieldErrors };
  throw e;
}

export function SetPasswordForm({
  title,
  intro,
  submit,
  askName,
}: {
  title: string;
  intro: string;
  submit: string;
  askName?: boolean;
}) {
  const { token } = useLoaderData<{ token: string }>();
  const data = useActionData<{ error: string; fields: Record<string, string> }>();
  return (
    <main className="narrow">
      <h1>{title}</h1>
      <p>{intro}</p>
      {data?.error ? <Notice kind="error">{data.error}</Notice> : null}
      <Form method="post">
        <Csrf />
        <input type="hidden" name="token" value={token} />
        {askName ? (
          <Field label="Your name" name="name" autoComplete="name" error={data?.fields.name} />
        ) : null}
        <Field
          label="New password"
          name="password"
          type="password"
          required
          autoComplete="new-password"
          hint="At least 10 characters."
          error={data?.fields.password}
        />
        <button type="submit">{submit}</button>
      </Form>
    </main>
  );
}
