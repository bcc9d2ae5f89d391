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
  return { user, settings: await api.marketplaceSettings() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { api } = await requireTenantUser(request, context);
  const form = await verifiedForm(request);
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
  const { user, settings } = useLoaderData<typeof loader>();
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
    </Shell>
  );
}
