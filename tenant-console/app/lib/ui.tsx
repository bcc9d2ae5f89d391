import { statusLabel } from '@agora/contracts/labels';
import { FieldErrors } from '@agora/ui/form-fields';
import { Form, Link, useRouteLoaderData } from '@remix-run/react';
import type { ReactNode } from 'react';

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

/** Shell for logged-in pages: top bar with the place, navigation and logout. */
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
  return (
    <div className="shell">
      <header className="topbar">
        <strong className="place">{place}</strong>
        <nav aria-label="Console">
          {nav.map((n) => (
            <Link key={n.to} to={n.to}>
              {n.label}
            </Link>
          ))}
        </nav>
        <Form method="post" action={surface === 'tenant' ? '/console/logout' : '/logout'} className="logout">
          <Csrf />
          <span className="who">{user}</span>
          <button type="submit" className="link">
            Log out
          </button>
        </Form>
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
  of?: 'vendor' | 'product' | 'tenant' | 'import';
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
