import type * as C from '@agora/contracts';
import { type QueryOf, request, type Transport } from './http.js';

export type {
  CommissionExplanation,
  CommissionPreview,
  CommissionPreviewInput,
  CommissionRule,
  CommissionRuleInput,
  CommissionSimulateInput,
  CommissionSimulation,
} from '@agora/contracts';

/** Commission rules (operators): rules and their versions, preview, explain, simulate. */
export function commissionClient(t: Transport) {
  const id = encodeURIComponent;
  const base = '/api/v1/operator/commission';
  return {
    commissionRules: (query: QueryOf<C.CommissionRuleListQuery> = {}) =>
      request<C.Page<C.CommissionRule>>(t, `${base}/rules`, { query }),
    commissionRule: (ruleId: string) => request<C.CommissionRule>(t, `${base}/rules/${id(ruleId)}`),
    createCommissionRule: (body: C.CommissionRuleInput) =>
      request<C.CommissionRule>(t, `${base}/rules`, { body }),
    updateCommissionRule: (ruleId: string, body: C.CommissionRuleInput) =>
      request<C.CommissionRule>(t, `${base}/rules/${id(ruleId)}`, { method: 'PUT', body }),
    setCommissionRuleEnabled: (ruleId: string, enabled: boolean) =>
      request<C.CommissionRule>(t, `${base}/rules/${id(ruleId)}/${enabled ? 'enable' : 'disable'}`, {
        body: {},
      }),
    commissionRuleVersions: (ruleId: string) =>
      request<{ data: C.CommissionRule[] }>(t, `${base}/rules/${id(ruleId)}/versions`),
    explainCommission: (query: C.CommissionExplainQuery) =>
      request<C.CommissionExplanation>(t, `${base}/explain`, { query }),
    previewCommission: (body: C.CommissionPreviewInput) =>
      request<C.CommissionPreview>(t, `${base}/preview`, { body }),
    simulateCommission: (body: C.CommissionSimulateInput) =>
      request<C.CommissionSimulation>(t, `${base}/simulate`, { body }),
  };
}
