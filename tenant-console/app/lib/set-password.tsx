import { ApiError } from '@agora/api-client';
import { apiErrorReply, type FormReply, type FormValues } from '@agora/ui/forms';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { Csrf, Field, Notice } from './ui.js';

/** Shared by accept-invite and reset-password: a token from the email link plus a new password. */
export function tokenFromUrl(request: Request): string {
  const token = new URL(request.url).searchParams.get('token') ?? '';
  if (!token)
    throw new Response('This link is incomplete. Open the link from your email again.', { status: 400 });
  return token;
}

/** Form options for both: the password is never given back, nor the link's token. */
export const PASSWORD_FORM = { what: 'form', secret: ['password', 'token'] };

/** The API's refusal as the one form reply, keeping its sentence (an expired link says so). */
export function passwordReply(e: unknown, values: FormValues): FormReply {
  if (e instanceof ApiError && e.status < 500) return apiErrorReply(e, values, 'form', { keepMessage: true });
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
  const data = useActionData<FormReply>();
  const typed = (name: string) => {
    const v = data?.values?.[name];
    return typeof v === 'string' ? v : undefined;
  };
  return (
    <main className="narrow">
      <h1>{title}</h1>
      <p>{intro}</p>
      {data && !data.ok && data.message ? <Notice kind="error">{data.message}</Notice> : null}
      <Form method="post">
        <Csrf />
        <input type="hidden" name="token" value={token} />
        {askName ? (
          <Field
            label="Your name"
            name="name"
            autoComplete="name"
            defaultValue={typed('name')}
            error={data?.fields.name}
          />
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
