import { ApiError, flattenCategories, type TenantApi } from '@agora/api-client';
import type { CommissionPreview } from '@agora/contracts';
import { apiErrorReply, type FormReply, issuesReply } from '@agora/ui/forms';
import { redirect } from '@remix-run/node';
import { parseRuleForm, ruleInput } from './commission-form.server.js';

/** Vendors and categories for the rule form's selects (categories indented by depth). */
export async function ruleFormOptions(api: TenantApi) {
  const [vendors, tree] = await Promise.all([
    api.operatorVendors({ status: 'approved', limit: 100 }),
    api.operatorCategories(),
  ]);
  return {
    vendors: vendors.data.map((v) => ({ id: v.id, label: v.name })),
    categories: flattenCategories(tree.data)
      .filter((c) => !c.archivedAt)
      .map((c) => ({ id: c.id, label: `${'— '.repeat(c.depth)}${c.name}` })),
  };
}

export type RuleFormReply = FormReply & { preview?: CommissionPreview | null };

/** Save (create, or a new version of `ruleId`) or preview the submitted rule. */
export async function ruleFormAction(
  api: TenantApi,
  form: FormData,
  ruleId?: string,
): Promise<RuleFormReply> {
  const intent = form.get('intent') === 'preview' ? 'preview' : 'save';
  const submission = parseRuleForm(form);
  const values = { ...submission.values, intent };
  if (!submission.ok) return { ...submission.reply, values };
  try {
    if (intent === 'preview') {
      const productId = String(form.get('previewProductId') ?? '').trim();
      const qty = Number(form.get('previewQty') ?? '');
      if (!productId)
        return {
          ...issuesReply([{ path: 'previewProductId', message: 'enter a product id' }], values, 'preview'),
        };
      const preview = await api.previewCommission({
        productId,
        qty,
        rule: ruleInput(submission.value),
        ruleId,
      });
      return { ok: true, message: '', fields: {}, values, preview };
    }
    const saved = ruleId
      ? await api.updateCommissionRule(ruleId, ruleInput(submission.value))
      : await api.createCommissionRule(ruleInput(submission.value));
    throw redirect(`/console/commission?saved=${encodeURIComponent(saved.id)}`);
  } catch (e) {
    if (e instanceof ApiError && e.status < 500) {
      const reply = apiErrorReply(e, values, intent === 'preview' ? 'preview' : 'rule');
      // A preview's product or quantity problem belongs under the preview's inputs.
      const fields = Object.fromEntries(
        Object.entries(reply.fields).map(([k, m]) => [
          intent === 'preview' && k === 'productId' ? 'previewProductId' : k === 'qty' ? 'previewQty' : k,
          m,
        ]),
      );
      return { ...reply, fields };
    }
    throw e;
  }
}
