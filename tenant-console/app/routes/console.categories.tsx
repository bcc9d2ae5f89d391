import { ApiError, flattenCategories, type OperatorCategory } from '@agora/api-client';
import { apiErrorReply, okReply } from '@agora/ui/forms';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { navFor } from '../lib/nav.js';
import { requireTenantUser, verifiedForm } from '../lib/session.server.js';
import { Csrf, Field, Notice, Shell, StatusBadge } from '../lib/ui.js';

export const meta: MetaFunction = () => [{ title: 'Categories' }];

const INTENTS = ['create', 'rename', 'move', 'archive', 'restore'] as const;
type Intent = (typeof INTENTS)[number];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { api, user } = await requireTenantUser(request, context);
  const tree = await api.operatorCategories();
  return { user, categories: flattenCategories(tree.data) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { api } = await requireTenantUser(request, context);
  const form = await verifiedForm(request);
  const intent = String(form.get('intent')) as Intent;
  if (!INTENTS.includes(intent)) throw new Response('Unknown intent', { status: 400 });
  const id = String(form.get('id') ?? '');
  const name = String(form.get('name') ?? '').trim();
  const parentId = String(form.get('parentId') ?? '') || null;
  // Which form the result belongs to: field errors are shown next to that form only.
  const target = intent === 'create' ? 'new' : id;
  try {
    if (intent === 'create') {
      const c = await api.createCategory({ name, parentId });
      return { ...okReply(`Added ${c.name}.`), target };
    }
    if (intent === 'rename') {
      const c = await api.updateCategory(id, { name });
      return { ...okReply(`Renamed to ${c.name}.`), target };
    }
    if (intent === 'move') {
      const c = await api.updateCategory(id, { parentId });
      return { ...okReply(`Moved ${c.name}.`), target };
    }
    const c = await api.setCategoryArchived(id, intent === 'archive');
    return { ...okReply(intent === 'archive' ? `Archived ${c.name}.` : `Restored ${c.name}.`), target };
  } catch (e) {
    if (e instanceof ApiError && e.status < 500) return { ...apiErrorReply(e, null, 'category'), target };
    throw e;
  }
}

type Row = OperatorCategory & { depth: number };

/** Options for a parent select: categories that are not archived, indented by depth. */
function ParentOptions({ categories, except }: { categories: Row[]; except?: Set<string> }) {
  return (
    <>
      <option value="">(top level)</option>
      {categories
        .filter((c) => !c.archivedAt && !except?.has(c.id))
        .map((c) => (
          <option key={c.id} value={c.id}>
            {`${'— '.repeat(c.depth)}${c.name}`}
          </option>
        ))}
    </>
  );
}

/** A category's id and the ids of everything below it (it cannot move under any of them). */
function subtreeIds(c: OperatorCategory): Set<string> {
  const ids = new Set([c.id]);
  for (const child of c.children ?? []) for (const id of subtreeIds(child)) ids.add(id);
  return ids;
}

export default function Categories() {
  const { user, categories } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errorsFor = (target: string) =>
    result && !result.ok && result.target === target ? result.fields : {};
  const created = errorsFor('new');
  return (
    <Shell nav={navFor(user.role)} user={user.email}>
      <h1>Categories</h1>
      {result ? <Notice kind={result.ok ? 'success' : 'error'}>{result.message}</Notice> : null}
      <section className="card">
        <h2>Add a category</h2>
        <Form method="post" className="toolbar">
          <Csrf />
          <Field id="f-new-name" label="Name" name="name" required error={created.name ?? created.slug} />
          <Field id="f-new-parent" label="Parent" name="parentId" error={created.parentId}>
            <select id="f-new-parent" name="parentId" defaultValue="">
              <ParentOptions categories={categories} />
            </select>
          </Field>
          <button type="submit" name="intent" value="create">
            Add category
          </button>
        </Form>
      </section>
      {categories.length === 0 ? (
        <div className="card empty">No categories yet.</div>
      ) : (
        <table aria-label="Category tree">
          <thead>
            <tr>
              <th>Category</th>
              <th>Rename</th>
              <th>Move under</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {categories.map((c) => {
              const errors = errorsFor(c.id);
              return (
                <tr key={c.id} data-testid="category-row">
                  <td style={{ paddingLeft: `${0.6 + c.depth * 1.5}rem` }}>
                    {c.depth > 0 ? '↳ ' : ''}
                    <span className="category-name">{c.name}</span> <small className="hint">/{c.slug}</small>{' '}
                    {c.archivedAt ? <StatusBadge status="archived" /> : null}
                  </td>
                  <td>
                    <Form method="post" className="toolbar">
                      <Csrf />
                      <input type="hidden" name="id" value={c.id} />
                      <Field
                        id={`f-${c.id}-name`}
                        label={`New name for ${c.name}`}
                        name="name"
                        defaultValue={c.name}
                        required
                        error={errors.name ?? errors.slug}
                      />
                      <button type="submit" name="intent" value="rename" className="secondary">
                        Rename
                      </button>
                    </Form>
                  </td>
                  <td>
                    <Form method="post" className="toolbar">
                      <Csrf />
                      <input type="hidden" name="id" value={c.id} />
                      <Field
                        id={`f-${c.id}-parent`}
                        label={`Parent of ${c.name}`}
                        name="parentId"
                        error={errors.parentId}
                      >
                        <select id={`f-${c.id}-parent`} name="parentId" defaultValue={c.parentId ?? ''}>
                          <ParentOptions categories={categories} except={subtreeIds(c)} />
                        </select>
                      </Field>
                      <button type="submit" name="intent" value="move" className="secondary">
                        Move
                      </button>
                    </Form>
                  </td>
                  <td>
                    <Form method="post">
                      <Csrf />
                      <input type="hidden" name="id" value={c.id} />
                      {c.archivedAt ? (
                        <button type="submit" name="intent" value="restore" className="secondary">
                          Restore
                        </button>
                      ) : (
                        <button type="submit" name="intent" value="archive" className="danger">
                          Archive
                        </button>
                      )}
                    </Form>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Shell>
  );
}
