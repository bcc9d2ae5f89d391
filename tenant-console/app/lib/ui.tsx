import { statusLabel } from '@agora/contracts/labels';
import { IconClose, IconMenu } from '@agora/ui/components';
import { FieldErrors } from '@agora/ui/form-fields';
import { Form, Link, NavLink, useLocation, useRouteLoaderData } from '@remix-run/react';
import { type ReactNode, useEffect, useState } from 'react';

type RootData = { csrf: string; surface: 'tenant' | 'platform'; place: string };

export const useRootData = () => useRouteLoaderData('root') as RootData;

/** Hidden CSRF field for every form (checked by verifiedForm on the server). */
export function Csrf() {
  return <input type="hidden" name="csrf" value={useRootData().csrf} />;
}

export function Field(props: {
  id?: string;
  label: string;
  name: string;
  type?: string;
  defaultValue?: string;
  /** Its errors (a form reply's `fields[name]`), shown by the shared `<FieldErrors>`. */
  error?: string | string[];
  hint?: string;
  required?: boolean;
  autoComplete?: string;
  children?: ReactNode;
}) {
  const id = props.id ?? `f-${props.name}`;
  const invalid = Array.isArray(props.error) ? props.error.length > 0 : Boolean(props.error);
  return (
    <div className={`field${invalid ? ' has-error' : ''}`}>
      <label htmlFor={id}>{props.label}</label>
      {props.children ?? (
        <input
          id={id}
          name={props.name}
          type={props.type ?? 'text'}
          defaultValue={props.defaultValue}
          required={props.required}
          autoComplete={props.autoComplete}
          aria-invalid={invalid ? true : undefined}
          aria-describedby={invalid ? `${id}-error` : undefined}
        />
      )}
      {props.hint ? <small className="hint">{props.hint}</small> : null}
      <FieldErrors id={`${id}-error`} name={props.name} errors={props.error} />
    </div>
  );
}

/** The link to a keyset-paginated list's next page, when there is one. */
export function NextPage({ to }: { to: string | null }) {
  return to ? (
    <p>
      <Link to={to}>Next page →</Link>
    </p>
  ) : null;
}

export function Notice({
  kind,
  children,
}: {
  kind: 'error' | 'success' | 'warning' | 'info';
  children: ReactNode;
}) {
  return (
    <div className={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

/**
 * Shell for logged-in pages: top bar with the place, navigation and logout. Below 860 px the
 * navigation and logout fold into a menu button (closed again on every navigation).
 */
export function Shell({
  nav,
  user,
  children,
}: {
  nav: { to: string; label: string }[];
  user: string;
  children: ReactNode;
}) {
  const { place, surface } = useRootData();
  const [open, setOpen] = useState(false);
  const location = useLocation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: closing on navigation is the point
  useEffect(() => setOpen(false), [location.key]);
  return (
    <div className="shell">
      <header className="topbar">
        <div className="topbar-inner">
          <strong className="place">{place}</strong>
          <button
            type="button"
            className="menu-button"
            aria-expanded={open}
            aria-controls="console-menu"
            onClick={() => setOpen((o) => !o)}
          >
            {open ? <IconClose /> : <IconMenu />} Menu
          </button>
          <div id="console-menu" className="topbar-menu" data-open={open}>
            <nav aria-label="Console">
              {nav.map((n) => (
                <NavLink key={n.to} to={n.to} end={n.to === '/console' || n.to === '/'}>
                  {n.label}
                </NavLink>
              ))}
            </nav>
            <Form
              method="post"
              action={surface === 'tenant' ? '/console/logout' : '/logout'}
              className="logout"
            >
              <Csrf />
              <span className="who">{user}</span>
              <button type="submit" className="link">
                Log out
              </button>
            </Form>
          </div>
        </div>
      </header>
      <main className="content">{children}</main>
    </div>
  );
}

/** A status as a badge, in words (`statusLabel`); `of` says whose status it is. */
export function StatusBadge({
  status,
  of,
}: {
  status: string;
  of?: 'vendor' | 'product' | 'tenant' | 'import' | 'domain' | 'company';
}) {
  return <span className={`badge badge-${status}`}>{statusLabel(status, of)}</span>;
}

/** A vendor's verification documents as short-lived signed links, or "No documents." */
export function DocumentList({
  documents,
}: {
  documents: { id: string; url: string; filename: string; sizeBytes: number }[] | undefined;
}) {
  if (!documents?.length) return <p className="hint">No documents.</p>;
  return (
    <ul>
      {documents.map((d) => (
        <li key={d.id}>
          <a href={d.url} target="_blank" rel="noreferrer">
            {d.filename}
          </a>{' '}
          <small className="hint">({Math.ceil(d.sizeBytes / 1024)} KB, link valid for a few minutes)</small>
        </li>
      ))}
    </ul>
  );
}
