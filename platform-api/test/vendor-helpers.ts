import { tinyPng } from '@agora/testing';

/** A small but well-formed PDF (header, catalog, empty page tree, xref, trailer), made in code. */
export function tinyPdf(): Uint8Array {
  const objects = [
    '1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n',
    '2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (const o of objects) {
    offsets.push(body.length);
    body += o;
  }
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}

export const file = (name: string, bytes: Uint8Array, type = 'application/octet-stream') =>
  new File([bytes as Uint8Array<ArrayBuffer>], name, { type });

export const VALID_APPLICATION = {
  businessName: 'Nordic Pack',
  legalName: 'Nordic Pack GmbH',
  country: 'de',
  taxId: 'DE123456789',
  contactName: 'Nora Nordic',
  website: 'https://nordicpack.example',
  description: 'Corrugated boxes and pallet wrap for industrial shippers.',
  industries: 'packaging, industrial-supplies',
  password: 'vendor-password-1',
};

/** A multipart application: the valid fields with `overrides` (null removes one), and files. */
export function applicationForm(
  contactEmail: string,
  overrides: Record<string, string | string[] | null> = {},
  documents: File[] = [file('registration.pdf', tinyPdf(), 'application/pdf')],
): FormData {
  const form = new FormData();
  const fields: Record<string, string | string[] | null> = {
    ...VALID_APPLICATION,
    contactEmail,
    ...overrides,
  };
  for (const [k, v] of Object.entries(fields)) {
    if (v === null) continue;
    for (const item of Array.isArray(v) ? v : [v]) form.append(k, item);
  }
  for (const d of documents) form.append('documents', d);
  return form;
}

export const pngFile = (name = 'certificate.png') => file(name, tinyPng(), 'image/png');

/**
 * Server bindings as @hono/node-server passes them, for `app.request(path, init, env)`: the request
 * then comes from that client address (public vendor applications are rate limited per address).
 */
export const fromAddress = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });

let clients = 0;
/** Bindings with a new client address on every call: each applicant from their own network. */
export const newClient = () => {
  clients += 1;
  return fromAddress(`10.${(clients >> 16) & 255}.${(clients >> 8) & 255}.${clients & 255}`);
};
