import type { CommissionPreview } from '@agora/contracts';
import {
  COMMISSION_CAP_LABELS,
  COMMISSION_KIND_LABELS,
  COMMISSION_REASON_LABELS,
  COMMISSION_SCOPE_LABELS,
} from '@agora/contracts/labels';
import { FieldErrors } from '@agora/ui/form-fields';
import type { FieldErrorMap, FormValues } from '@agora/ui/forms';
import { formatMoney } from '@agora/ui/money';
import { Form } from '@remix-run/react';
import { MONEY_FIELDS } from './commission-form.js';
import { Csrf, Field } from './ui.js';

const MONEY_LABELS: Record<(typeof MONEY_FIELDS)[number], string> = {
  amounts: 'Flat amount',
  minAmounts: 'Minimum per line',
  maxAmounts: 'Maximum per line',
  vendorGmv30dMinMinor: 'Only when the vendor’s last 30 days of sales reach',
};

type Option = { id: string; label: string };

type RuleFieldsProps = {
  values: FormValues;
  fields: FieldErrorMap;
  currencies: string[];
  vendors: Option[];
  categories: Option[];
  isDefault?: boolean;
};

/** The rule form (new and edit) with its preview box; plain POST, works without JavaScript. */
export function CommissionRuleForm(
  props: RuleFieldsProps & { preview?: CommissionPreview | null; submitLabel: string },
) {
  const v = (name: string) => String(props.values[name] ?? '');
  const err = (name: string) => props.fields[name];
  return (
    <Form method="post" className="card" noValidate>
      <Csrf />
      <RuleFields {...props} />
      <button type="submit" name="intent" value="save">
        {props.submitLabel}
      </button>
      <section className="card" aria-labelledby="preview-title" style={{ marginTop: 'var(--space-5)' }}>
        <h2 id="preview-title">Preview</h2>
        <p className="hint">What this rule, as filled in above, gives on a product at a quantity.</p>
        <div className="row">
          <Field
            label="Product id"
            name="previewProductId"
            defaultValue={v('previewProductId')}
            error={err('previewProductId')}
          />
          <Field
            label="Quantity"
            name="previewQty"
            type="number"
            defaultValue={v('previewQty') || '1'}
            error={err('previewQty')}
          />
        </div>
        <button type="submit" name="intent" value="preview" className="secondary">
          Preview
        </button>
        {props.preview ? <PreviewResult preview={props.preview} /> : null}
      </section>
    </Form>
  );
}

/** The inputs of a rule (scope, kind, rate, amounts per currency, window, priority, enabled, note). */
export function RuleFields(props: RuleFieldsProps) {
  const { values, fields } = props;
  const v = (name: string) => String(values[name] ?? '');
  const err = (name: string) => fields[name];
  const select = (name: string, label: string, options: Option[], hint?: string) => (
    <Field label={label} name={name} error={err(name)} hint={hint}>
      <select
        id={`f-${name}`}
        name={name}
        defaultValue={v(name)}
        aria-invalid={err(name) ? true : undefined}
        aria-describedby={err(name) ? `f-${name}-error` : undefined}
      >
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
  const scopes = Object.entries(COMMISSION_SCOPE_LABELS)
    .filter(([id]) => !props.isDefault || id === 'marketplace')
    .map(([id, label]) => ({ id, label }));
  return (
    <>
      <div className="row">
        {select('scope', 'Applies to', scopes)}
        {select(
          'kind',
          'Kind',
          Object.entries(COMMISSION_KIND_LABELS).map(([id, label]) => ({ id, label })),
        )}
      </div>
      {props.isDefault ? null : (
        <div className="row">
          {select(
            'vendorId',
            'Vendor',
            [{ id: '', label: '(none)' }, ...props.vendors],
            'For “vendor” scopes.',
          )}
          {select(
            'categoryId',
            'Category',
            [{ id: '', label: '(none)' }, ...props.categories],
            'Covers its subcategories too.',
          )}
          <Field
            label="Product id"
            name="productId"
            defaultValue={v('productId')}
            error={err('productId')}
            hint="For the “product” scope."
          />
        </div>
      )}
      <Field
        label="Rate (%)"
        name="rateBps"
        defaultValue={v('rateBps')}
        error={err('rateBps')}
        hint="For percent rules: of the line’s net amount, e.g. 12.5."
      />
      {props.currencies.map((cur, i) => {
        const has = MONEY_FIELDS.some((f) => v(`${f}.${cur}`) || err(`${f}.${cur}`));
        const inputs = (
          <div className="row" key="inputs">
            {MONEY_FIELDS.filter((f) => !props.isDefault || f === 'amounts' || f.endsWith('Amounts')).map(
              (f) => (
                <Field
                  key={f}
                  label={`${MONEY_LABELS[f]} (${cur})`}
                  name={`${f}.${cur}`}
                  defaultValue={v(`${f}.${cur}`)}
                  error={err(`${f}.${cur}`)}
                />
              ),
            )}
          </div>
        );
        return i === 0 ? (
          <fieldset key={cur} className="field">
            <legend>Amounts in {cur}</legend>
            {inputs}
          </fieldset>
        ) : (
          <details key={cur} open={has}>
            <summary>Amounts in {cur}</summary>
            {inputs}
          </details>
        );
      })}
      <FieldErrors name="amounts" errors={err('amounts')} />
      {props.isDefault ? null : (
        <div className="row">
          <Field
            label="Valid from"
            name="validFrom"
            type="date"
            defaultValue={v('validFrom')}
            error={err('validFrom')}
          />
          <Field
            label="Valid until"
            name="validTo"
            type="date"
            defaultValue={v('validTo')}
            error={err('validTo')}
          />
          <Field
            label="Priority"
            name="priority"
            type="number"
            defaultValue={v('priority') || '0'}
            error={err('priority')}
            hint="Between rules of the same scope, the higher wins."
          />
        </div>
      )}
      {props.isDefault ? (
        <input type="hidden" name="enabled" value="on" />
      ) : (
        <div className="field">
          <label>
            <input type="checkbox" name="enabled" defaultChecked={v('enabled') === 'on'} /> Enabled
          </label>
          <FieldErrors name="enabled" errors={err('enabled')} />
        </div>
      )}
      <Field label="Note" name="note" defaultValue={v('note')} error={err('note')} />
    </>
  );
}

function PreviewResult({ preview: p }: { preview: CommissionPreview }) {
  const money = (m: number) => formatMoney(m, p.currency);
  return (
    <div className="notice notice-info" role="status" data-testid="commission-preview">
      <p>
        {p.productTitle} × {p.qty.toLocaleString('en')} = {money(p.netMinor)}.{' '}
        {p.draftAmountMinor === null ? (
          <>This rule does not apply: {COMMISSION_REASON_LABELS[p.draftReason ?? ''] ?? p.draftReason}.</>
        ) : (
          <>
            This rule gives <strong>{money(p.draftAmountMinor)}</strong>
            {p.draftCap && p.draftCap !== 'none' ? ` (${COMMISSION_CAP_LABELS[p.draftCap]})` : ''}
            {p.draftWins
              ? ', and it would win.'
              : `, but it would not win (${COMMISSION_REASON_LABELS[p.draftReason ?? ''] ?? p.draftReason}).`}
          </>
        )}
      </p>
      <p>
        Commission now: {money(p.currentAmountMinor)}; with this rule: {money(p.commission.amountMinor)}.
      </p>
    </div>
  );
}
