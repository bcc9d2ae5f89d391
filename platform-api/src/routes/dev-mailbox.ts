import { type EmailView, listEmails } from '@agora/core';
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { AppEnv } from '../context.js';

const URL_PATTERN = /https?:\/\/[^\s<>"']+/g;

/** Email text with its http(s) links clickable; everything else escaped. */
function linkify(text: string): (string | HtmlEscapedString | Promise<HtmlEscapedString>)[] {
  const parts: (string | HtmlEscapedString | Promise<HtmlEscapedString>)[] = [];
  let last = 0;
  for (const m of text.matchAll(URL_PATTERN)) {
    parts.push(text.slice(last, m.index), html`<a href="${m[0]}">${m[0]}</a>`);
    last = m.index + m[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}

const item = (e: EmailView) => html`<article>
  <header><strong>${e.subject}</strong><span>${new Date(e.createdAt).toLocaleString('en-GB', { timeZone: 'UTC' })} UTC</span></header>
  <p class="meta">To <a href="?to=${encodeURIComponent(e.to)}">${e.to}</a> &middot; ${e.kind} &middot; ${e.status}${e.error ? ` (${e.error})` : ''}</p>
  <pre>${linkify(e.text)}</pre>
</article>`;

/**
 * `GET /dev/mailbox` on the platform host: the emails the platform recorded, newest first, with
 * their links clickable. Mounted only outside production (see app.ts); on other hosts the
 * request goes on to whatever serves them.
 */
export const devMailbox = new Hono<AppEnv>().get('/dev/mailbox', async (c, next) => {
  if (c.var.surface.kind !== 'platform') return next();
  const to = c.req.query('to')?.trim() || undefined;
  const emails = await listEmails(c.var.deps.database, { to, limit: 100 });
  return c.html(html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Dev mailbox</title>
<style>body{font-family:system-ui,sans-serif;max-width:56rem;margin:2rem auto;padding:0 1rem;color:#222}
article{border:1px solid #ddd;border-radius:6px;padding:.75rem 1rem;margin:1rem 0}
header{display:flex;justify-content:space-between;gap:1rem}header span,.meta{color:#666;font-size:.9em}
pre{white-space:pre-wrap;font:inherit;background:#f7f7f7;padding:.75rem;border-radius:4px}</style></head>
<body><h1>Dev mailbox</h1>
<p>Emails the platform recorded (newest first). Development only: with <code>SMTP_URL</code> set they are also sent.</p>
<form><input name="to" type="email" placeholder="filter by recipient" value="${to ?? ''}"> <button>Filter</button>
${to ? html` <a href="/dev/mailbox">show all</a>` : ''}</form>
${emails.length ? emails.map(item) : html`<p>No emails yet.</p>`}
</body></html>`);
});
