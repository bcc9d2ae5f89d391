import { TextField } from '@agora/ui/form-fields';
import { errorsOf, type FormReply } from '@agora/ui/forms';
import { Form, useNavigation } from '@remix-run/react';
import { Csrf, FormMessage } from './account-forms.js';

/** Choose a password from an emailed link (accepting an invitation, resetting a password). */
export function SetPasswordForm(props: {
  title: string;
  intro: string;
  submit: string;
  token: string;
  csrf: string;
  reply?: FormReply | null;
  askName?: boolean;
}) {
  const busy = useNavigation().state === 'submitting';
  const f = props.reply?.fields ?? {};
  const name = props.reply?.values?.name;
  return (
    <main className="page narrow-page">
      <h1>{props.title}</h1>
      <p>{props.intro}</p>
      <FormMessage reply={props.reply} />
      <Form method="post" className="stack">
        <Csrf token={props.csrf} />
        <input type="hidden" name="token" value={props.token} />
        {props.askName ? (
          <TextField
            name="name"
            label="Your name"
            autoComplete="name"
            defaultValue={typeof name === 'string' ? name : undefined}
            errors={errorsOf(f, 'name')}
          />
        ) : null}
        <TextField
          name="password"
          label="Password"
          type="password"
          required
          hint="At least 10 characters."
          autoComplete="new-password"
          errors={[...errorsOf(f, 'password'), ...errorsOf(f, 'token')]}
        />
        <button type="submit" className="button" disabled={busy}>
          {props.submit}
        </button>
      </Form>
    </main>
  );
}
