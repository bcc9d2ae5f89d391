/** Email bodies: plain text first (what the dev mailbox shows), and a simple HTML twin. */
export type EmailContent = { subject: string; text: string; html: string };

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

function layout(paragraphs: string[], link: { href: string; label: string }): string {
  const body = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#222;max-width:36rem">
${body}
<p><a href="${escapeHtml(link.href)}" style="display:inline-block;padding:.6rem 1rem;background:#1f4f8b;color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(link.label)}</a></p>
<p style="color:#666;font-size:.9em">Or paste this link into your browser: ${escapeHtml(link.href)}</p>
</body></html>`;
}

const ROLE_LABELS: Record<string, string> = {
  owner: 'owner',
  operator: 'an operator',
  vendor_admin: 'a vendor administrator',
  vendor_staff: 'vendor staff',
  buyer_admin: 'a buyer administrator',
  buyer_member: 'a buyer',
};

export function invitationEmail(input: { marketName: string; role: string; link: string }): EmailContent {
  const role = ROLE_LABELS[input.role] ?? input.role;
  const lines = [
    `You have been invited to ${input.marketName} as ${role}.`,
    'Choose a password to accept the invitation. The link is valid for 7 days and works once.',
  ];
  return {
    subject: `You're invited to ${input.marketName}`,
    text: `${lines.join('\n\n')}\n\n${input.link}\n\nIf you did not expect this invitation, you can ignore this email.\n`,
    html: layout([...lines, 'If you did not expect this invitation, you can ignore this email.'], {
      href: input.link,
      label: 'Accept the invitation',
    }),
  };
}

export function passwordResetEmail(input: { marketName: string; link: string }): EmailContent {
  const lines = [
    `Someone asked to reset the password of your ${input.marketName} account.`,
    'Choose a new password with the link below. It is valid for 1 hour and works once.',
  ];
  return {
    subject: `Reset your ${input.marketName} password`,
    text: `${lines.join('\n\n')}\n\n${input.link}\n\nIf you did not ask for this, ignore this email: your password stays as it is.\n`,
    html: layout(
      [...lines, 'If you did not ask for this, ignore this email: your password stays as it is.'],
      { href: input.link, label: 'Choose a new password' },
    ),
  };
}
