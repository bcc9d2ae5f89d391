import { ApiError } from '@agora/api-client';
import { apiErrorReply, type FormReply, okReply, requireFile } from '@agora/ui/forms';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { navFor } from '../lib/nav.js';
import { requireTenantUser, verifiedForm } from '../lib/session.server.js';
import { Csrf, Field, Notice, Shell, StatusBadge } from '../lib/ui.js';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Images: ${data.product.title}` : 'Images' },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { api, user } = await requireTenantUser(request, context);
  try {
    return { user, product: await api.vendorProduct(params.id ?? '') };
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) throw new Response('No such product.', { status: 404 });
    throw e;
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { api } = await requireTenantUser(request, context);
  const form = await verifiedForm(request);
  const productId = params.id ?? '';
  const intent = form.get('intent');
  try {
    if (intent === 'upload') {
      const chosen = requireFile(form, 'file', {
        message: 'Choose an image file to upload.',
        field: 'Choose a file',
      });
      if (!chosen.ok) return chosen.reply;
      const upload = new FormData();
      upload.append('file', chosen.file, chosen.file.name);
      await api.addProductImage(productId, upload);
      return okReply(`Uploaded ${chosen.file.name}.`);
    }
    const position = Number(form.get('position'));
    if (intent === 'delete') {
      await api.deleteProductImage(productId, position);
      return okReply('Image removed.');
    }
    if (intent === 'up' || intent === 'down') {
      const { images } = await api.vendorProduct(productId);
      const positions = (images ?? []).map((i) => i.position);
      const from = positions.indexOf(position);
      const to = intent === 'up' ? from - 1 : from + 1;
      if (from < 0 || to < 0 || to >= positions.length)
        return {
          ok: false,
          message: 'That image cannot move further.',
          fields: {},
          values: null,
        } satisfies FormReply;
      [positions[from], positions[to]] = [positions[to] as number, positions[from] as number];
      await api.reorderProductImages(productId, positions);
      return okReply('Order saved.');
    }
    throw new Response('Unknown action', { status: 400 });
  } catch (e) {
    // A refused image (type, size) keeps the API's sentence at the top and says it under the input.
    if (e instanceof ApiError && e.status < 500)
      return apiErrorReply(e, null, 'image', { keepMessage: true });
    throw e;
  }
}

export default function ProductImages() {
  const { user, product } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const fileInvalid = Boolean(result?.fields.file?.length);
  const images = product.images ?? [];
  return (
    <Shell nav={navFor(user.role)} user={user.email}>
      <p>
        <Link to={`/console/products/${product.id}`}>← {product.title}</Link>
      </p>
      <h1>
        Images: {product.title} <StatusBadge status={product.status} />
      </h1>
      {result ? <Notice kind={result.ok ? 'success' : 'error'}>{result.message}</Notice> : null}
      <section className="card">
        <h2>Add an image</h2>
        <Form method="post" encType="multipart/form-data" className="toolbar">
          <Csrf />
          <Field label="Image" name="file" error={result?.fields.file} hint="PNG or JPEG, at most 2 MB.">
            <input
              id="f-file"
              name="file"
              type="file"
              accept="image/png,image/jpeg"
              required
              aria-invalid={fileInvalid ? true : undefined}
              aria-describedby={fileInvalid ? 'f-file-error' : undefined}
            />
          </Field>
          <button type="submit" name="intent" value="upload">
            Upload image
          </button>
        </Form>
      </section>
      {images.length === 0 ? (
        <p className="hint">No images yet. The first image is the main one.</p>
      ) : (
        <table data-testid="product-images">
          <thead>
            <tr>
              <th>Image</th>
              <th>Position</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {images.map((img, i) => (
              <tr key={img.url}>
                <td>
                  <img
                    src={img.url}
                    alt={`${product.title}, ${i === 0 ? 'main' : `number ${i + 1}`}`}
                    height={64}
                  />
                </td>
                <td>{i === 0 ? 'Main image' : i + 1}</td>
                <td>
                  <Form method="post" className="toolbar">
                    <Csrf />
                    <input type="hidden" name="position" value={img.position} />
                    <button
                      type="submit"
                      name="intent"
                      value="up"
                      className="secondary"
                      disabled={i === 0}
                      aria-label={`Move image ${i + 1} up`}
                    >
                      ↑ Up
                    </button>
                    <button
                      type="submit"
                      name="intent"
                      value="down"
                      className="secondary"
                      disabled={i === images.length - 1}
                      aria-label={`Move image ${i + 1} down`}
                    >
                      ↓ Down
                    </button>
                    <button
                      type="submit"
                      name="intent"
                      value="delete"
                      className="danger"
                      aria-label={`Delete image ${i + 1}`}
                      onClick={(e) => !confirm('Delete this image?') && e.preventDefault()}
                    >
                      Delete
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Shell>
  );
}
