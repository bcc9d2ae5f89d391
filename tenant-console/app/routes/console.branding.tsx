import { ApiError, type Branding, type BrandingInput } from '@agora/api-client';
import { FONT_LABELS, FONT_STACKS, safeLogoUrl } from '@agora/ui';
import { Brand } from '@agora/ui/components';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { type CSSProperties, useState } from 'react';
import { navFor } from '../lib/nav.js';
import { requireTenantUser, verifiedForm } from '../lib/session.server.js';
import { Csrf, Field, Notice, Shell } from '../lib/ui.js';

export const meta: MetaFunction = () => [{ title: 'Branding' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { api, user } = await requireTenantUser(request, context);
  return { user, branding: await api.branding() };
}

type ActionResult = { ok: boolean; message: string; branding?: Branding; fields?: Record<string, string> };

export async function action({ request, context }: ActionFunctionArgs): Promise<ActionResult> {
  const { api } = await requireTenantUser(request, context);
  const form = await verifiedForm(request);
  const intent = form.get('intent');
  try {
    if (intent === 'logo') {
      const file = form.get('logo');
      if (!(file instanceof File) || file.size === 0)
        return { ok: false, message: 'Choose an image file to upload.', fields: { logo: 'Choose a file' } };
      const branding = await api.uploadLogo(
        new Uint8Array(await file.arrayBuffer()),
        file.type || 'application/octet-stream',
      );
      return { ok: true, message: 'Logo updated.', branding };
    }
    if (intent === 'remove-logo')
      return { ok: true, message: 'Logo removed.', branding: await api.deleteLogo() };
    const branding = await api.updateBranding({
      name: String(form.get('name') ?? ''),
      tagline: String(form.get('tagline') ?? ''),
      primaryColor: String(form.get('primaryColor') ?? ''),
      accentColor: String(form.get('accentColor') ?? ''),
      font: String(form.get('font') ?? '') as Branding['theme']['font'],
      footer: footerFrom(form),
    });
    return { ok: true, message: 'Saved. Your storefront shows the changes now.', branding };
  } catch (e) {
    if (e instanceof ApiError && e.status < 500)
      return { ok: false, message: e.message, fields: e.fieldErrors };
    throw e;
  }
}

/** Link rows the footer form offers (the API takes up to 8). */
const FOOTER_LINK_ROWS = 4;
const FOOTER_ROWS = Array.from({ length: FOOTER_LINK_ROWS }, (_, row) => row);

/** The footer fields of the form: the text, and the link rows with a label or an address. */
function footerFrom(form: FormData): NonNullable<BrandingInput['footer']> {
  const value = (name: string) => String(form.get(name) ?? '').trim();
  const links = Array.from({ length: FOOTER_LINK_ROWS }, (_, i) => ({
    label: value(`footerLabel${i}`),
    url: value(`footerUrl${i}`),
  })).filter((l) => l.label || l.url);
  return { text: value('footerText'), links };
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
            <fieldset className="field">
              <legend>Footer</legend>
              <small className="hint">
                Shown at the bottom of every storefront page: plain text (no HTML) and up to{' '}
                {FOOTER_LINK_ROWS} links, each to a page of your storefront (like /sell) or an address
                starting with https://.
              </small>
              <Field
                label="Footer text"
                name="footerText"
                hint="Up to 500 characters, for example your address and opening hours."
                error={result?.fields?.['footer.text']}
              >
                <textarea
                  id="f-footerText"
                  name="footerText"
                  maxLength={500}
                  rows={3}
                  defaultValue={branding.footer?.text ?? ''}
                />
              </Field>
              {FOOTER_ROWS.map((i) => {
                const link = branding.footer?.links[i];
                return (
                  <div className="row footer-link-row" key={`footer-link-${i}`}>
                    <Field
                      id={`f-footerLabel${i}`}
                      label={`Link ${i + 1} text`}
                      name={`footerLabel${i}`}
                      defaultValue={link?.label ?? ''}
                      error={result?.fields?.[`footer.links.${i}.label`]}
                    />
                    <Field
                      id={`f-footerUrl${i}`}
                      label={`Link ${i + 1} address`}
                      name={`footerUrl${i}`}
                      defaultValue={link?.url ?? ''}
                      error={result?.fields?.[`footer.links.${i}.url`]}
                    />
                  </div>
                );
              })}
            </fieldset>
            <button type="submit" name="intent" value="branding">
              Save branding
            </button>
          </Form>
        </section>
        <section className="card">
          <h2>Preview</h2>
          {/* The storefront's own header markup and styles, with the values being edited. */}
          <div
            className="preview"
            data-testid="preview"
            style={
              {
                '--color-primary': primary,
                '--color-accent': accent,
                '--font-body': FONT_STACKS[font],
              } as CSSProperties
            }
          >
            <div className="site-header">
              <div className="site-header-bar">
                <span className="brand">
                  <Brand name={branding.name} logoUrl={safeLogoUrl(branding.theme.logoUrl)} />
                </span>
                <span className="site-nav">
                  <span>Catalog</span>
                  <span>Vendors</span>
                </span>
              </div>
            </div>
            <div className="preview-body">
              <p>{branding.tagline || `Source from trusted vendors on ${branding.name}.`}</p>
              <span className="button preview-cta">Request a quote</span>
            </div>
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
