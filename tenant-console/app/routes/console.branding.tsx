import { ApiError, type Branding } from '@agora/api-client';
import { FONT_LABELS, FONT_STACKS } from '@agora/ui';
import { apiErrorReply, type FormReply, issuesReply, okReply } from '@agora/ui/forms';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useState } from 'react';
import { navFor } from '../lib/nav.js';
import { requireTenantUser, verifiedForm } from '../lib/session.server.js';
import { Csrf, Field, Notice, Shell } from '../lib/ui.js';

export const meta: MetaFunction = () => [{ title: 'Branding' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { api, user } = await requireTenantUser(request, context);
  return { user, branding: await api.branding() };
}

type ActionResult = FormReply & { branding?: Branding };

export async function action({ request, context }: ActionFunctionArgs): Promise<ActionResult> {
  const { api } = await requireTenantUser(request, context);
  const form = await verifiedForm(request);
  const intent = form.get('intent');
  try {
    if (intent === 'logo') {
      const file = form.get('logo');
      if (!(file instanceof File) || file.size === 0)
        return issuesReply([{ path: 'logo', message: 'choose an image file' }], null, 'logo');
      const branding = await api.uploadLogo(
        new Uint8Array(await file.arrayBuffer()),
        file.type || 'application/octet-stream',
      );
      return { ...okReply('Logo updated.'), branding };
    }
    if (intent === 'remove-logo') return { ...okReply('Logo removed.'), branding: await api.deleteLogo() };
    const branding = await api.updateBranding({
      name: String(form.get('name') ?? ''),
      tagline: String(form.get('tagline') ?? ''),
      primaryColor: String(form.get('primaryColor') ?? ''),
      accentColor: String(form.get('accentColor') ?? ''),
      font: String(form.get('font') ?? '') as Branding['theme']['font'],
    });
    return { ...okReply('Saved. Your storefront shows the changes now.'), branding };
  } catch (e) {
    if (e instanceof ApiError && e.status < 500) return apiErrorReply(e, null, 'branding');
    throw e;
  }
}

export default function BrandingPage() {
  const { user, branding: loaded } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const branding = result?.branding ?? loaded;
  const [primary, setPrimary] = useState(branding.theme.primaryColor);
  const [accent, setAccent] = useState(branding.theme.accentColor);
  const [font, setFont] = useState(branding.theme.font);
  return (
    <Shell nav={navFor(user.role)} user={user.email}>
      <h1>Branding</h1>
      {result ? <Notice kind={result.ok ? 'success' : 'error'}>{result.message}</Notice> : null}
      {branding.warnings.map((w) => (
        <Notice key={w.field} kind="warning">
          {w.message}
        </Notice>
      ))}
      <div className="row">
        <section className="card">
          <Form method="post" key={JSON.stringify(branding)}>
            <Csrf />
            <Field
              label="Marketplace name"
              name="name"
              required
              defaultValue={branding.name}
              error={result?.fields?.name}
            />
            <Field
              label="Tagline"
              name="tagline"
              defaultValue={branding.tagline}
              error={result?.fields?.tagline}
            />
            <Field label="Primary color" name="primaryColor" error={result?.fields?.primaryColor}>
              <input
                id="f-primaryColor"
                name="primaryColor"
                type="color"
                value={primary}
                onChange={(e) => setPrimary(e.target.value)}
              />
            </Field>
            <Field label="Accent color" name="accentColor" error={result?.fields?.accentColor}>
              <input
                id="f-accentColor"
                name="accentColor"
                type="color"
                value={accent}
                onChange={(e) => setAccent(e.target.value)}
              />
            </Field>
            <Field label="Font" name="font" error={result?.fields?.font}>
              <select
                id="f-font"
                name="font"
                value={font}
                onChange={(e) => setFont(e.target.value as typeof font)}
              >
                {Object.entries(FONT_LABELS).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </Field>
            <button type="submit" name="intent" value="branding">
              Save branding
            </button>
          </Form>
        </section>
        <section className="card">
          <h2>Preview</h2>
          <div className="preview" style={{ fontFamily: FONT_STACKS[font] }} data-testid="preview">
            <div className="bar" style={{ background: primary }}>
              {branding.theme.logoUrl ? (
                <img src={branding.theme.logoUrl} alt="Current logo" height={32} />
              ) : null}{' '}
              {branding.name}
            </div>
            <span className="cta" style={{ background: accent }}>
              Request a quote
            </span>
          </div>
          <h2>Logo</h2>
          <Form method="post" encType="multipart/form-data">
            <Csrf />
            <Field
              label="Upload a logo"
              name="logo"
              hint="PNG, JPEG or SVG, up to 512 KB. SVGs with scripts or external content are refused."
              error={result?.fields?.logo}
            >
              <input id="f-logo" name="logo" type="file" accept="image/png,image/jpeg,image/svg+xml" />
            </Field>
            <button type="submit" name="intent" value="logo">
              Upload logo
            </button>{' '}
            {branding.theme.logoUrl ? (
              <button type="submit" name="intent" value="remove-logo" className="secondary" formNoValidate>
                Remove logo
              </button>
            ) : null}
          </Form>
        </section>
      </div>
    </Shell>
  );
}
