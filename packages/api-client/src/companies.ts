import type * as C from '@agora/contracts';
import { type QueryOf, request, type Transport } from './http.js';

/** Buyer companies: shapes derived from @agora/contracts (type-only; see types.ts). */
export type {
  Address,
  AddressInput,
  BuyerAccount,
  Company,
  CompanyDecisionBody,
  CompanyDetail,
  CompanyDetailsInput,
  CompanyMember,
  CompanyMemberPage,
  CompanySignUpInput,
  CompanySignUpResult,
  CompanySummary,
  CompanySummaryPage,
  CompanyTermsInput,
  InviteMemberInput,
  OperatorCompanyListInput as OperatorCompanyListQuery,
  ShippingAddress,
  ShippingAddressInput,
  UpdateMemberInput,
} from '@agora/contracts';

const id = encodeURIComponent;

/** Sign-up, the company's own account (its members), and the operator's buyer queue. */
export function companiesClient(t: Transport) {
  return {
    buyerAccount: () => request<C.BuyerAccount>(t, '/api/v1/account'),
    signUpCompany: (body: C.CompanySignUpInput) =>
      request<C.CompanySignUpResult>(t, '/api/v1/companies', { body }),
    ownCompany: () => request<C.Company>(t, '/api/v1/company'),
    updateOwnCompany: (body: C.CompanyDetailsInput) =>
      request<C.Company>(t, '/api/v1/company', { method: 'PUT', body }),
    addShippingAddress: (body: C.ShippingAddressInput) =>
      request<C.Company>(t, '/api/v1/company/addresses', { body }),
    updateShippingAddress: (addressId: string, body: C.ShippingAddressInput) =>
      request<C.Company>(t, `/api/v1/company/addresses/${id(addressId)}`, { method: 'PUT', body }),
    removeShippingAddress: (addressId: string) =>
      request<C.Company>(t, `/api/v1/company/addresses/${id(addressId)}`, { method: 'DELETE' }),
    companyMembers: (query: C.PageQueryInput = {}) =>
      request<C.CompanyMemberPage>(t, '/api/v1/company/members', { query }),
    inviteCompanyMember: (body: C.InviteMemberInput) =>
      request<C.CompanyMember>(t, '/api/v1/company/members', { body }),
    updateCompanyMember: (userId: string, body: C.UpdateMemberInput) =>
      request<C.CompanyMember>(t, `/api/v1/company/members/${id(userId)}`, { method: 'PUT', body }),
    removeCompanyMember: (userId: string) =>
      request<void>(t, `/api/v1/company/members/${id(userId)}`, { method: 'DELETE' }),
    operatorCompanies: (query: QueryOf<C.OperatorCompanyListInput> = {}) =>
      request<C.CompanySummaryPage>(t, '/api/v1/operator/companies', { query }),
    operatorCompany: (companyId: string) =>
      request<C.CompanyDetail>(t, `/api/v1/operator/companies/${id(companyId)}`),
    decideCompany: (companyId: string, body: C.CompanyDecisionBody) =>
      request<C.CompanyDetail>(t, `/api/v1/operator/companies/${id(companyId)}/decisions`, { body }),
    updateCompanyTerms: (companyId: string, body: C.CompanyTermsInput) =>
      request<C.CompanyDetail>(t, `/api/v1/operator/companies/${id(companyId)}/terms`, {
        method: 'PUT',
        body,
      }),
  };
}
