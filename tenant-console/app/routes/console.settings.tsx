import { ApiError } from '@agora/api-client';
import { MarketplaceSettings } from '@agora/contracts';
import { FieldErrors } from '@agora/ui/form-fields';
import { apiErrorReply, okReply, parseForm } from '@agora/ui/forms';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { navFor } from '../lib/nav.js';
import { requireTenantUser, verifiedForm } from '../lib/session.server.js';
import { Csrf, Notice, Shell } from '../lib/ui.js';

export const meta: MetaFunction = () => [{ title: 'Marketplace settings' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { api, user } = await requireTenantUser(request, context);
  const [settings, tracking] = await Promise.all([api.marketplaceSettings(), api.trackingWebhook()]);
  return { user, settings, tracking };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { api } = await requireTenantUser(request, context);
  const form = await verifiedForm(request);
  if (form.get('intent') === 'rotate-tracking-secret') {
    await api.rotateTrackingWebhookSecret();
    return okReply('A new tracking webhook secret is in force: update your carrier integration.');
  }
  // Checkboxes: sent as "on" when checked, absent otherwise.
  const submission = parseForm(MarketplaceSettings, form, {
    what: 'settings',
    toInput: (v) => ({
      autoApproveVendors: v.autoApproveVendors === 'on',
      moderateProducts: v.moderateProducts === 'on',
      approveBuyers: v.approveBuyers,
      pricesVisibleTo: v.pricesVisibleTo,
    }),
  });
  if (!submission.ok) return submission.reply;
  try {
    await api.updateMarketplaceSettings(submission.value);
    return okReply('Settings saved.');
  } catch (e) {
    if (e instanceof ApiError && e.status < 500) return apiErrorReply(e, null, 'settings');
    throw e;
  }
}

export default function Settings() {
  const { user, settings, tracking } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <Shell nav={navFor(user.role)} user={user.email}>
      <h1>Marketplace settings</h1>
      {result ? <Notice kind={result.ok ? 'success' : 'error'}>{result.message}</Notice> : null}
      {/* Keyed by the saved values so the boxes show what the server holds after each save. */}
      <Form
        method="post"
        className="card"
        key={`${settings.autoApproveVendors}-${settings.moderateProducts}-${settings.approveBuyers}-${settings.pricesVisibleTo}`}
      >
        <Csrf />
        <div className="field">
          <label>
            <input type="checkbox" name="autoApproveVendors" defaultChecked={settings.autoApproveVendors} />{' '}
            Approve new vendors automatically
          </label>
          <small className="hint">New vendor applications are approved (and marked verified) at once.</small>
        </div>
        <div className="field">
          <label>
            <input type="checkbox" name="moderateProducts" defaultChecked={settings.moderateProducts} />{' '}
            Review products before they are published
          </label>
          <small className="hint">
            Published products wait in Moderation until an operator approves them.
          </small>
        </div>
        <fieldset className="field">
          <legend>Buyer companies</legend>
          <label>
            <input
              type="radio"
              name="approveBuyers"
              value="operator"
              defaultChecked={settings.approveBuyers === 'operator'}
            />{' '}
            An operator approves each new company (Buyers)
          </label>
          <label>
            <input
              type="radio"
              name="approveBuyers"
              value="auto"
              defaultChecked={settings.approveBuyers === 'auto'}
            />{' '}
            Approve new companies automatically
          </label>
          <FieldErrors name="approveBuyers" errors={result?.fields?.approveBuyers} />
        </fieldset>
        <fieldset className="field">
          <legend>Who sees prices</legend>
          <label>
            <input
              type="radio"
              name="pricesVisibleTo"
              value="everyone"
              defaultChecked={settings.pricesVisibleTo === 'everyone'}
            />{' '}
            Everyone
          </label>
          <label>
            <input
              type="radio"
              name="pricesVisibleTo"
              value="approved_buyers"
              defaultChecked={settings.pricesVisibleTo === 'approved_buyers'}
            />{' '}
            Approved buyers only (others see “Sign in for prices”)
          </label>
          <FieldErrors name="pricesVisibleTo" errors={result?.fields?.pricesVisibleTo} />
        </fieldset>
        <button type="submit">Save settings</button>
      </Form>
      <section className="card">
        <h2>Tracking webhook</h2>
        <p className="hint">
          Carriers post shipment events here. Each post is signed: the header{' '}
          <code>{tracking.signatureHeader}: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</code>, where the hex is
          HMAC-SHA256 over <code>&lt;t&gt;.&lt;body&gt;</code> with this secret. Posts more than 5 minutes
          old, unsigned, or repeating an event id are refused.
        </p>
        <dl>
          <dt>Address</dt>
          <dd>
            <code>{tracking.url}</code>
          </dd>
          <dt>Secret</dt>
          <dd>
            <code data-testid="tracking-secret">{tracking.secret}</code>
          </dd>
        </dl>
        <Form method="post">
          <Csrf />
          <input type="hidden" name="intent" value="rotate-tracking-secret" />
          <button type="submit" className="secondary">
            Rotate the secret
          </button>
        </Form>
      </section>
    </Shell>
  );
}
