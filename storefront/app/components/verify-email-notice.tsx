import { useFetcher, useRouteLoaderData } from '@remix-run/react';

type Sent = { message: string; ok: boolean };

/**
 * Orders need a confirmed email address (an automatically approved company can browse and fill
 * its cart first): says so where the buyer would check out, with a button for a new link.
 * Without JavaScript the form posts to the same route and its page shows the answer.
 */
export function VerifyEmailNotice({ email }: { email: string }) {
  const csrf = useRouteLoaderData<{ csrf: string | null }>('root')?.csrf ?? '';
  const fetcher = useFetcher<Sent>();
  const sent = fetcher.data;
  return (
    <div className="notice-warning" role="status" data-testid="verify-email-notice">
      <p>
        Confirm your email address before ordering: open the link in the email we sent to{' '}
        <strong>{email}</strong>. Your cart is kept meanwhile.
      </p>
      <fetcher.Form method="post" action="/account/email-verification">
        <input type="hidden" name="csrf" value={csrf} />
        <button type="submit" className="button secondary" disabled={fetcher.state !== 'idle'}>
          Send me a new link
        </button>
      </fetcher.Form>
      {sent ? (
        <p className={sent.ok ? 'notice-success' : 'notice-error'} data-testid="verify-email-sent">
          {sent.message}
        </p>
      ) : null}
    </div>
  );
}
