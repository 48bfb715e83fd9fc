// Domain values and their translation keys. The vocabularies come from the server and their labels are found by
// prefix + code (I18nTest checks every code of the database's vocabularies has both translations); other keys are
// written out in full (never concatenated) so the i18n test can find every key used by the page.
import { t, hasKey, currentLanguage } from './i18n.js';

/**
 * The vocabularies, in display order, as the database holds them: filled from GET /api/config
 * (`vocabularies`) by setVocabularies before any view is drawn. Labels live in web/i18n/*.json, keyed by
 * code (status.AVAILABLE, landUse.industrial, utility.water, estateKind.industrial_estate).
 */
export const STATUSES = [];
export const LAND_USES = [];
export const UTILITIES = [];

/** Fills the vocabularies in place (the views hold these arrays) from the config's `vocabularies`. */
export function setVocabularies(vocabularies) {
  const v = vocabularies || {};
  for (const [list, codes] of [[STATUSES, v.plotStatuses], [LAND_USES, v.landUses], [UTILITIES, v.utilities]]) {
    list.splice(0, list.length, ...(Array.isArray(codes) ? codes : []));
  }
}

/** Map colours (fill, outline) of the statuses; a status without its own colours is drawn as NOT_OFFERED. */
export const STATUS_COLOURS = {
  AVAILABLE: { fill: '#34a853', stroke: '#1e6b33' },
  RESERVED: { fill: '#f4b400', stroke: '#9a7000' },
  ALLOCATED: { fill: '#4a7fd8', stroke: '#234f9c' },
  UNDER_CONSTRUCTION: { fill: '#9c5bd1', stroke: '#5e2d87' },
  IN_PRODUCTION: { fill: '#137c86', stroke: '#0a4a50' },
  IDLE: { fill: '#db3b30', stroke: '#8c1e17' },
  RECLAIMING: { fill: '#f07c1b', stroke: '#9b4a07' },
  NOT_OFFERED: { fill: '#a3a8ad', stroke: '#5f6368' },
};

/** Infrastructure line kinds with their map style. */
export const INFRA_KINDS = ['road', 'rail', 'power', 'gas', 'water'];

export const INFRA_STYLES = {
  road: { color: '#7a7f85', weight: 3, dashArray: null },
  rail: { color: '#3b3b3b', weight: 2, dashArray: '10 6' },
  power: { color: '#d4a200', weight: 2, dashArray: '6 4' },
  gas: { color: '#c2410c', weight: 2, dashArray: '2 5' },
  water: { color: '#1e88e5', weight: 2, dashArray: '9 4 2 4' },
};

const INFRA_KEYS = {
  road: 'infra.road',
  rail: 'infra.rail',
  power: 'infra.power',
  gas: 'infra.gas',
  water: 'infra.water',
};

const ERROR_KEYS = {
  bad_request: 'error.bad_request',
  invalid_parameter: 'error.invalid_parameter',
  unauthorized: 'error.unauthorized',
  forbidden: 'error.forbidden',
  csrf_missing: 'error.csrf_missing',
  not_found: 'error.not_found',
  conflict: 'error.conflict',
  payload_too_large: 'error.payload_too_large',
  unprocessable: 'error.unprocessable',
  rate_limited: 'error.rate_limited',
  request_timeout: 'error.request_timeout',
  database_unavailable: 'error.database_unavailable',
  internal_error: 'error.internal_error',
  network: 'error.network',
  unknown_estate: 'error.unknown_estate',
  unknown_province: 'error.unknown_province',
  method_not_allowed: 'error.method_not_allowed',
  uri_too_long: 'error.uri_too_long',
  headers_too_large: 'error.headers_too_large',
  not_implemented: 'error.not_implemented',
  service_unavailable: 'error.service_unavailable',
  http_version_not_supported: 'error.http_version_not_supported',
  unknown: 'error.unknown',
  csrf_missing: 'error.csrf_missing',
  csrf_invalid: 'error.csrf_invalid',
  invalid_credentials: 'error.invalid_credentials',
  email_taken: 'error.email_taken',
  invalid_email: 'error.invalid_email',
  weak_password: 'error.weak_password',
  invalid_name: 'error.invalid_name',
  invalid_organisation: 'error.invalid_organisation',
  invalid_token_name: 'error.invalid_token_name',
  invalid_reason: 'error.invalid_reason',
  invalid_notes: 'error.invalid_notes',
  invalid_file_name: 'error.invalid_file_name',
  invalid_months: 'error.invalid_months',
  parcel_not_available: 'error.parcel_not_available',
  reservation_cap: 'error.reservation_cap',
  confirmation_invalid: 'error.confirmation_invalid',
  investor_unverified: 'error.investor_unverified',
  hold_cooldown: 'error.hold_cooldown',
  invalid_national_id: 'error.invalid_national_id',
  national_id_taken: 'error.national_id_taken',
  identity_missing: 'error.identity_missing',
  identity_verified: 'error.identity_verified',
  idempotency_key_reused: 'error.idempotency_key_reused',
  idempotency_key_required: 'error.idempotency_key_required',
  illegal_transition: 'error.illegal_transition',
  hold_expired: 'error.hold_expired',
  // payments (j-pay)
  instalment_paid: 'error.instalment_paid',
  not_holder: 'error.not_holder',
  nothing_due: 'error.nothing_due',
  parcels_not_adjacent: 'error.parcels_not_adjacent',
  unknown_parcel: 'error.unknown_parcel',
  invalid_parcels: 'error.invalid_parcels',
  invalid_activity: 'error.invalid_activity',
  invalid_place: 'error.invalid_place',
  invalid_area: 'error.invalid_area',
  invalid_land_use: 'error.invalid_land_use',
  invalid_utilities: 'error.invalid_utilities',
  invalid_estates: 'error.invalid_estates',
  demand_limit: 'error.demand_limit',
  demand_withdrawn: 'error.demand_withdrawn',
  invalid_investment: 'error.invalid_investment',
  invalid_jobs: 'error.invalid_jobs',
  invalid_mode: 'error.invalid_mode',
  invalid_window: 'error.invalid_window',
  invalid_max_ranked: 'error.invalid_max_ranked',
  invalid_rules: 'error.invalid_rules',
  parcel_not_in_estate: 'error.parcel_not_in_estate',
  window_already_open: 'error.window_already_open',
  window_not_open: 'error.window_not_open',
  window_closed: 'error.window_closed',
  window_not_closed: 'error.window_not_closed',
  invalid_ranking: 'error.invalid_ranking',
  invalid_export_share: 'error.invalid_export_share',
  result_not_published: 'error.result_not_published',
  not_an_applicant: 'error.not_an_applicant',
  objection_window_closed: 'error.objection_window_closed',
  objection_exists: 'error.objection_exists',
  objection_text_required: 'error.objection_text_required',
  invalid_outcome: 'error.invalid_outcome',
  answer_required: 'error.answer_required',
  reason_required: 'error.reason_required',
  cure_period_not_ended: 'error.cure_period_not_ended',
  warnings_not_exhausted: 'error.warnings_not_exhausted',
  warnings_exhausted: 'error.warnings_exhausted',
  idle_fee_off: 'error.idle_fee_off',
  nothing_to_charge: 'error.nothing_to_charge',
  extension_cap_reached: 'error.extension_cap_reached',
  invalid_slices: 'error.invalid_slices',
  revival_plan_not_missed: 'error.revival_plan_not_missed',
  not_an_adviser: 'error.not_an_adviser',
  already_decided: 'error.already_decided',
  plan_items_unmet: 'error.plan_items_unmet',
  not_licensed: 'error.not_licensed',
  no_production_evidence: 'error.no_production_evidence',
  notice_first: 'error.notice_first',
  invalid_agency: 'error.invalid_agency',
  invalid_causes: 'error.invalid_causes',
  invalid_recommendation: 'error.invalid_recommendation',
  invalid_evidence: 'error.invalid_evidence',
  invalid_visited_on: 'error.invalid_visited_on',
  invalid_members: 'error.invalid_members',
  invalid_agenda: 'error.invalid_agenda',
  invalid_province: 'error.invalid_province',
  invalid_held_on: 'error.invalid_held_on',
  invalid_decision: 'error.invalid_decision',
  invalid_bank: 'error.invalid_bank',
  invalid_facility: 'error.invalid_facility',
  invalid_note: 'error.invalid_note',
  case_closed: 'error.case_closed',
  not_an_officer: 'error.not_an_officer',
  case_sub_judice: 'error.case_sub_judice',
  scan_running: 'error.scan_running',
  already_replied: 'error.already_replied',
  unchanged: 'error.unchanged',
  allocation_terminated: 'error.allocation_terminated',
  extension_pending: 'error.extension_pending',
  extension_too_long: 'error.extension_too_long',
  extensions_exhausted: 'error.extensions_exhausted',
  milestone_already_recorded: 'error.milestone_already_recorded',
  date_in_future: 'error.date_in_future',
  empty_file: 'error.empty_file',
  invalid_date: 'error.invalid_date',
  invalid_percent: 'error.invalid_percent',
  invalid_plan_item: 'error.invalid_plan_item',
  invalid_reply: 'error.invalid_reply',
  invalid_reply_days: 'error.invalid_reply_days',
  invalid_text: 'error.invalid_text',
  months_required: 'error.months_required',
  plan_items_required: 'error.plan_items_required',
  too_many_files: 'error.too_many_files',
  file_too_large: 'error.file_too_large',
  unsupported_file_type: 'error.unsupported_file_type',
  zip_unsafe: 'error.zip_unsafe',
  unreadable_file: 'error.unreadable_file',
  unknown_crs: 'error.unknown_crs',
  ambiguous_layer: 'error.ambiguous_layer',
  incomplete_shapefile: 'error.incomplete_shapefile',
  no_geometry_column: 'error.no_geometry_column',
  no_plot_number_field: 'error.no_plot_number_field',
  unknown_field: 'error.unknown_field',
  unsupported_format: 'error.unsupported_format',
  constraint_violation: 'error.constraint_violation',
  import_invalid: 'error.import_invalid',
};

function lookup(keys, value) {
  if (value === null || value === undefined) return '';
  const key = keys[value] || keys[String(value).toLowerCase()];
  return key && hasKey(key) ? t(key) : String(value);
}

/** The label of a vocabulary code: the i18n key prefix + code (or + lower-case code), else the code itself. */
function vocabularyLabel(prefix, value) {
  if (value === null || value === undefined) return '';
  for (const key of [prefix + value, prefix + String(value).toLowerCase()]) {
    if (hasKey(key)) return t(key);
  }
  return String(value);
}

/** The translated name of a parcel status. */
export const statusLabel = (status) => vocabularyLabel('status.', status);
/** The translated name of a land use (the raw value if unknown). */
export const landUseLabel = (use) => vocabularyLabel('landUse.', use);
/** The translated name of a utility. */
export const utilityLabel = (utility) => vocabularyLabel('utility.', utility);
/** The translated name of an estate kind (the raw value if unknown). */
export const estateKindLabel = (kind) => vocabularyLabel('estateKind.', kind);
/** The translated name of an infrastructure line kind. */
export const infraLabel = (kind) => lookup(INFRA_KEYS, kind);

/** The translated message for an API error (or any thrown value). */
export function errorMessage(error) {
  const code = error && error.code;
  return t(ERROR_KEYS[code] || STATUS_KEYS[error && error.status] || ERROR_KEYS.unknown);
}

// A code the page has no words for (e.g. `invalid_<field>` for a value of the wrong kind) is said by its status.
const STATUS_KEYS = { 400: 'error.bad_request', 422: 'error.unprocessable' };

/** An estate's (or a parcel's estate's) display name in the current language. */
export function localName(name, nameFa) {
  return currentLanguage() === 'fa' ? (nameFa || name || '') : (name || nameFa || '');
}
