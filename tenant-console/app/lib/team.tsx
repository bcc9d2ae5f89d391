import type { FormReply } from '@agora/ui/forms';
import { Form, Link } from '@remix-run/react';
import { navFor } from './nav.js';
import { Csrf, Field, Notice, Shell, StatusBadge } from './ui.js';

type Member = { id: string; email: string; name: string; role: string; status: string };

/**
 * A team page (operators, or a vendor's staff): an invitation form for those who may invite, and
 * the members, each removable by those who may remove them. The rules come from the route; the
 * API enforces them again.
 */
export function TeamPage(props: {
  title: string;
  inviteHeading: string;
  user: { id: string; email: string; role: string };
  members: Member[];
  /** This page's cursor ('' on the first page) and the next page's (null on the last). */
  cursor: string;
  nextCursor: string | null;
  result: FormReply | undefined;
  canInvite: boolean;
  canRemove: (m: Member) => boolean;
  roleLabel: (role: string) => string;
}) {
  const { user, members, result } = props;
  return (
    <Shell nav={navFor(user.role)} user={user.email}>
      <h1>{props.title}</h1>
      {result ? <Notice kind={result.ok ? 'success' : 'error'}>{result.message}</Notice> : null}
      {props.canInvite ? (
        <section className="card">
          <h2>{props.inviteHeading}</h2>
          <Form method="post" className="toolbar">
            <Csrf />
            <Field label="Email" name="email" type="email" required error={result?.fields.email} />
            <button type="submit" name="intent" value="invite">
              Send invitation
            </button>
          </Form>
        </section>
      ) : null}
      <table>
        <thead>
          <tr>
            <th>Email</th>
            <th>Name</th>
            <th>Role</th>
            <th>Status</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.id}>
              <td>{m.email}</td>
              <td>{m.name}</td>
              <td>{props.roleLabel(m.role)}</td>
              <td>
                <StatusBadge status={m.status} />
              </td>
              <td>
                {props.canRemove(m) ? (
                  <Form
                    method="post"
                    onSubmit={(e) => !confirm(`Remove ${m.email} from the team?`) && e.preventDefault()}
                  >
                    <Csrf />
                    <input type="hidden" name="id" value={m.id} />
                    <input type="hidden" name="email" value={m.email} />
                    <button type="submit" name="intent" value="remove" className="danger">
                      Remove
                    </button>
                  </Form>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.cursor || props.nextCursor ? (
        <p>
          {props.cursor ? <Link to="?">First page</Link> : null}
          {props.cursor && props.nextCursor ? ' · ' : null}
          {props.nextCursor ? (
            <Link to={`?${new URLSearchParams({ cursor: props.nextCursor })}`}>Next page</Link>
          ) : null}
        </p>
      ) : null}
    </Shell>
  );
}
