// The only module that talks to the server. Every call resolves to parsed JSON
// or throws an ApiError whose `code` the UI translates as `error.<code>`.

/** An API failure: `code` is the backend's stable error code (or "network"/"unknown"). */
export class ApiError extends Error {
  constructor(code, status, message) {
    super(message || code);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
  }
}

function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params || {})) {
    if (value === undefined || value === null || value === '') continue;
    search.set(name, Array.isArray(value) ? value.join(',') : String(value));
  }
  const text = search.toString();
  return text ? '?' + text : '';
}

// The CSRF token of the signed-in session, sent back with every state-changing request.
let csrfToken = null;

async function request(path, { signal, method = 'GET', body: payload, headers = {} } = {}) {
  let response;
  const allHeaders = { Accept: 'application/json', ...headers };
  if (payload !== undefined) allHeaders['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) allHeaders['X-CSRF-Token'] = csrfToken;
  try {
    response = await fetch(path, {
      signal,
      method,
      credentials: 'same-origin',
      headers: allHeaders,
      body: payload === undefined ? undefined : JSON.stringify(payload),
    });
  } catch (err) {
    if (err && err.name === 'AbortError') throw err;
    throw new ApiError('network', 0, err && err.message);
  }
  let body = null;
  const text = await response.text();
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  if (!response.ok) {
    const code = body && typeof body.code === 'string' ? body.code : 'unknown';
    throw new ApiError(code, response.status, body && body.message);
  }
  if (body === null) {
    if (response.status === 204) return {};
    throw new ApiError('unknown', response.status, 'empty or non-JSON response');
  }
  return body;
}

function remember(user) {
  csrfToken = user && user.csrfToken ? user.csrfToken : null;
  return user;
}

/** GET /api/me: the signed-in user, or null when nobody is signed in. */
export async function getMe(options) {
  try {
    return remember(await request('/api/me', options));
  } catch (error) {
    if (error.status === 401) {
      remember(null);
      return null;
    }
    throw error;
  }
}

/** POST /api/auth/login. */
export async function login(email, password) {
  return remember(await request('/api/auth/login', { method: 'POST', body: { email, password } }));
}

/**
 * POST /api/auth/register: asks for a new investor account. The answer is the same whether or not the address
 * already had one (a message to the address says which), and signs no one in.
 */
export function register(fields) {
  return request('/api/auth/register', { method: 'POST', body: fields });
}

/** POST /api/auth/confirm: confirms an address through the token of the link mailed to it. */
export function confirmEmail(token) {
  return request('/api/auth/confirm', { method: 'POST', body: { token } });
}

/** POST /api/auth/logout. */
export async function logout() {
  await request('/api/auth/logout', { method: 'POST' });
  remember(null);
}

/** POST /api/reservations with a fresh Idempotency-Key (the same key is reused if the caller retries). */
export function createReservation(application, idempotencyKey) {
  return request('/api/reservations', {
    method: 'POST', body: application, headers: { 'Idempotency-Key': idempotencyKey },
  });
}

/** GET /api/reservations?status=…: own (investor) or the managed estates' (officer). */
export function getReservations(params, options) {
  return request('/api/reservations' + query(params), options);
}

/** POST /api/reservations/{id}/{pay|withdraw|approve}. */
export function reservationAction(id, action) {
  return request('/api/reservations/' + encodeURIComponent(id) + '/' + action, { method: 'POST' });
}

/** POST /api/reservations/{id}/reject with the reason. */
export function rejectReservation(id, reason) {
  return request('/api/reservations/' + encodeURIComponent(id) + '/reject', { method: 'POST', body: { reason } });
}

/** GET /api/offers: offers and allocation rounds the user may see, newest first. */
export function getOffers(params, options) {
  return request('/api/offers' + query(params), options);
}

/** POST /api/offers: a DRAFT offer of plots of one estate the officer manages (its mode, window and rules). */
export function createOffer(offer) {
  return request('/api/offers', { method: 'POST', body: offer });
}

/** POST /api/offers/{id}/{publish|close} (officers of the estate, admins). */
export function offerAction(id, action) {
  return request('/api/offers/' + encodeURIComponent(id) + '/' + action, { method: 'POST' });
}

/** POST /api/offers/{id}/applications: apply to a round, or replace one's application while the window is open. */
export function applyToRound(id, application) {
  return request('/api/offers/' + encodeURIComponent(id) + '/applications', { method: 'POST', body: application });
}

/** GET /api/offers/{id}/applications: one's own application (investor) or all of them (staff). */
export function getRoundApplications(id, options) {
  return request('/api/offers/' + encodeURIComponent(id) + '/applications', options);
}

/** GET /api/offers/{id}/result: the published document, its SHA-256 and the viewer's application id. */
export function getRoundResult(id, options) {
  return request('/api/offers/' + encodeURIComponent(id) + '/result', options);
}

/** GET /api/offers/{id}/objections: a closed round's objections (their text to staff and to their author). */
export function getRoundObjections(id, options) {
  return request('/api/offers/' + encodeURIComponent(id) + '/objections', options);
}

/** POST /api/offers/{id}/objections: an applicant objects to the published result. */
export function objectToRound(id, text) {
  return request('/api/offers/' + encodeURIComponent(id) + '/objections', { method: 'POST', body: { text } });
}

/** POST /api/offers/{id}/objections/{objection}/answer: UPHELD (with the correction) or DISMISSED, with reasons. */
export function answerRoundObjection(id, objection, answer) {
  return request('/api/offers/' + encodeURIComponent(id) + '/objections/' + encodeURIComponent(objection)
    + '/answer', { method: 'POST', body: answer });
}

/** GET /api/offers/{id}/awards: a closed round's award deposit holds. */
export function getRoundAwards(id, options) {
  return request('/api/offers/' + encodeURIComponent(id) + '/awards', options);
}

/** POST /api/offers/{id}/award/pay: the winner pays their award's deposit. */
export function payRoundAward(id) {
  return request('/api/offers/' + encodeURIComponent(id) + '/award/pay', { method: 'POST' });
}

/** The download URL of a closed round's document. */
export function roundDocumentUrl(id) {
  return '/api/offers/' + encodeURIComponent(id) + '/result/document';
}

/** GET /api/decisions: the public decision log, newest first. */
export function getDecisions(params, options) {
  return request('/api/decisions' + query(params), options);
}

/** GET /api/decisions/verify: whether the hash chain is intact and matches the signed checkpoints. */
export function verifyDecisions(options) {
  return request('/api/decisions/verify', options);
}

/** GET /api/decisions/checkpoints: the signed checkpoints of the log's head and the public key that checks them. */
export function getCheckpoints(params, options) {
  return request('/api/decisions/checkpoints' + query(params), options);
}

/** Formats [minLon, minLat, maxLon, maxLat] for the `bbox` query parameter. */
export function bboxParam(bbox) {
  return bbox.map((n) => Number(n).toFixed(6)).join(',');
}

/** GET /api/config: base map, default language, offered languages. */
export function getConfig(options) {
  return request('/api/config', options);
}

/** GET /basemap/iran-basemap.geojson: the offline base layer, Iran's provinces and main cities (from gis-data/basemap). */
export function getBaseLayer(options) {
  return request('/basemap/iran-basemap.geojson', options);
}

/** GET /tiles/{layer}.json: a tile layer's TileJSON (bounds, centre, zoom range). */
export function getTileJson(layer, options) {
  return request('/tiles/' + encodeURIComponent(layer) + '.json', options);
}

/** GET /api/estates?boundaries=true: FeatureCollection of estate boundaries with their properties. */
export function getEstates(options) {
  return request('/api/estates?boundaries=true', options);
}

/** GET /api/estates: each estate's properties, bbox and counts, with a point inside it instead of its boundary. */
export function getEstateSummary(options) {
  return request('/api/estates', options);
}

/**
 * GET /api/parcels. `params` may hold bbox (array or string), status, estate, minArea, maxArea,
 * landUse, utilities (arrays are comma-joined) and limit.
 */
export function getParcels(params, options) {
  const p = { ...params };
  if (Array.isArray(p.bbox)) p.bbox = bboxParam(p.bbox);
  return request('/api/parcels' + query(p), options);
}

/** GET /api/parcels/{id}: one plot as a GeoJSON Feature. */
export function getParcel(id, options) {
  return request('/api/parcels/' + encodeURIComponent(id), options);
}

/** POST /api/demand: registers a waitlist request. */
export function registerDemand(body) {
  return request('/api/demand', { method: 'POST', body });
}

/** GET /api/demand: the investor's waitlist requests with their matches. */
export function getDemand(options) {
  return request('/api/demand', options);
}

/** POST /api/demand/{id}/withdraw. */
export function withdrawDemand(id) {
  return request('/api/demand/' + encodeURIComponent(id) + '/withdraw', { method: 'POST' });
}

/** GET /api/stats/demand: unmet demand against available land by province or estate, with history. */
export function getDemandStats(groupBy, options) {
  return request('/api/stats/demand' + query({ groupBy, months: 12 }), options);
}

/** POST /api/inbox/language: the language the signed-in user's e-mails come in. */
export function setMailLanguage(language) {
  return request('/api/inbox/language', { method: 'POST', body: { language } });
}

/** GET /api/infrastructure?bbox=…: roads, rail and utility lines in view. */
export function getInfrastructure(bbox, options) {
  const value = Array.isArray(bbox) ? bboxParam(bbox) : bbox;
  return request('/api/infrastructure' + query({ bbox: value }), options);
}

/** GET /i18n/{lang}.json: the flat translation table of one language. */
export function getTranslations(lang, options) {
  return request('/i18n/' + encodeURIComponent(lang) + '.json', options);
}

/** POST /api/imports (multipart): `form` is a FormData with file, estate, dryRun…; resolves to the import report. */
export async function uploadImport(form) {
  let response;
  try {
    response = await fetch('/api/imports', {
      method: 'POST',
      body: form,
      credentials: 'same-origin',
      headers: csrfToken ? { Accept: 'application/json', 'X-CSRF-Token': csrfToken } : { Accept: 'application/json' },
    });
  } catch (err) {
    throw new ApiError('network', 0, err && err.message);
  }
  const body = await response.json().catch(() => null);
  if (!response.ok && !(body && body.report)) {
    throw new ApiError(body && body.code ? body.code : 'unknown', response.status, body && body.message);
  }
  return body && body.report ? body.report : body;
}

/** The URL of GET /api/exports/parcels for a download link (no fetch: the browser saves the file). */
export function exportUrl(format, estate) {
  return '/api/exports/parcels' + query({ format, estate });
}

/**
 * GET /api/availability: available plots, or vacant blocks with `contiguous: true`. `params` may hold within
 * (WKT or GeoJSON), near ([lon, lat]), radiusM, estate, province, minArea, maxArea, maxPrice, landUse,
 * utilities, maxDistanceM ({road: 500, …}), contiguous, minBlockArea, sort, limit, offset.
 */
export function getAvailability(params, options) {
  return request('/api/availability' + query(availabilityParams(params)), options);
}

function availabilityParams(params) {
  const p = { ...params };
  if (Array.isArray(p.near)) p.near = p.near.map((n) => Number(n).toFixed(7)).join(',');
  if (p.maxDistanceM && typeof p.maxDistanceM === 'object') {
    p.maxDistanceM = Object.entries(p.maxDistanceM).map(([kind, m]) => kind + ':' + m).join(',');
  }
  return p;
}

/**
 * The URL of GET /api/availability?format=geojson|csv|gpkg for a download link (no fetch: the browser saves the
 * file with the session cookie): every match of the search with `params`, not only one page.
 */
export function availabilityExportUrl(params, format) {
  const p = availabilityParams(params);
  delete p.limit;
  delete p.offset;
  return '/api/availability' + query({ ...p, format });
}

/**
 * GET /api/stats?groupBy=province|estate: plots and area by status, occupancy, idle rate, months from allocation
 * to production and land reclaimed per year, per group and in total, with the monthly history of the total.
 * `scope` may hold estate or province (one estate's or province's figures) and months (history length).
 */
export function getStats(groupBy, options, scope = {}) {
  return request('/api/stats' + query({ groupBy, ...scope }), options);
}

/** GET /api/stats/what-if?idleYears=N: plots and hectares freed per estate by reclaiming long-idle plots. */
export function getWhatIf(idleYears, options) {
  return request('/api/stats/what-if' + query({ idleYears }), options);
}

/** GET /api/allocations: the investor's own allocations (an officer's: their estates'). */
export function getAllocations(options) {
  return request('/api/allocations', options);
}

/** GET /api/allocations/{id}/contract: plan, schedule, milestones, evidence, extensions and idle cases. */
export function getContract(id, options) {
  return request('/api/allocations/' + encodeURIComponent(id) + '/contract', options);
}

/** POST /api/allocations/{id}/extensions {months, reason}: the holder asks for more time. */
export function requestExtension(id, months, reason) {
  return request('/api/allocations/' + encodeURIComponent(id) + '/extensions', {
    method: 'POST', body: { months, reason },
  });
}

/** POST /api/allocations/{id}/milestones {kind, achievedOn}: an officer records a milestone reached. */
export function recordMilestone(id, kind, achievedOn) {
  return request('/api/allocations/' + encodeURIComponent(id) + '/milestones', {
    method: 'POST', body: { kind, achievedOn },
  });
}

/** POST /api/allocations/{id}/inspections as multipart: the inspection's fields, its photos and the device position. */
export async function uploadInspection(id, form) {
  return postForm('/api/allocations/' + encodeURIComponent(id) + '/inspections', form);
}

/** POST /api/allocations/{id}/extensions/{request}/grant|refuse {reason}: an officer decides an extension. */
export function decideExtension(id, requestId, decision, reason) {
  return request('/api/allocations/' + encodeURIComponent(id) + '/extensions/' + encodeURIComponent(requestId) + '/'
    + (decision === 'grant' ? 'grant' : 'refuse'), { method: 'POST', body: { reason } });
}

/** POST /api/allocations/{id}/reports (multipart): `form` holds percent, text and any `files`. */
export async function uploadReport(id, form) {
  return postForm('/api/allocations/' + encodeURIComponent(id) + '/reports', form);
}

async function postForm(path, form) {
  let response;
  try {
    response = await fetch(path, {
      method: 'POST',
      body: form,
      credentials: 'same-origin',
      headers: csrfToken ? { Accept: 'application/json', 'X-CSRF-Token': csrfToken } : { Accept: 'application/json' },
    });
  } catch (err) {
    throw new ApiError('network', 0, err && err.message);
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(body && body.code ? body.code : 'unknown', response.status, body && body.message);
  }
  return body || {};
}

/** GET /api/idle-cases?open=true: the officer's idle cases, highest score first. */
export function getIdleCases(params, options) {
  return request('/api/idle-cases' + query(params), options);
}

/** POST /api/idle-cases/{id}/{action} with {reason, replyDays, months, items}. */
export function idleCaseAction(id, action, body) {
  return request('/api/idle-cases/' + encodeURIComponent(id) + '/' + action, { method: 'POST', body: body || {} });
}

/** POST /api/idle-cases/{id}/reply {text}: the holder answers a notice. */
export function replyToNotice(id, text) {
  return request('/api/idle-cases/' + encodeURIComponent(id) + '/reply', { method: 'POST', body: { text } });
}

/** GET /api/inbox: the user's notifications, newest first, with the unread count. */
export function getInbox(options) {
  return request('/api/inbox', options);
}

/** POST /api/inbox/{id}/read. */
export function markNotificationRead(id) {
  return request('/api/inbox/' + encodeURIComponent(id) + '/read', { method: 'POST' });
}

/**
 * POST /api/utility-readings: a CSV file of monthly readings; resolves to the row report (a strict import that
 * refused lines answers 422 with its report too).
 */
export async function uploadReadings(file, strict) {
  let response;
  try {
    response = await fetch('/api/utility-readings' + query({ strict: strict ? 'true' : null }), {
      method: 'POST',
      body: file,
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Content-Type': 'text/csv', ...(csrfToken ? { 'X-CSRF-Token': csrfToken } : {}) },
    });
  } catch (err) {
    throw new ApiError('network', 0, err && err.message);
  }
  const body = await response.json().catch(() => null);
  if (body && Array.isArray(body.errors) && (response.ok || response.status === 422)) return body;
  throw new ApiError(body && body.code ? body.code : 'unknown', response.status, body && body.message);
}

/** POST /api/idle-scan: runs the idle scan now (as of today); resolves to {scanned, opened, updated}. */
export function runIdleScan() {
  return request('/api/idle-scan', { method: 'POST' });
}

// --- payments on the gateway's page (j-pay) ---

/** POST /api/reservations/{id}/payment: opens the deposit's payment; answers {token, payUrl, amount}. */
export function openDepositPayment(id) {
  return request('/api/reservations/' + encodeURIComponent(id) + '/payment', { method: 'POST', body: {} });
}

/** POST /api/allocations/{id}/instalments/{number}/payment: opens an instalment's payment. */
export function openIdleChargePayment(id, charge) {
  return request('/api/allocations/' + encodeURIComponent(id) + '/idle-charges/' + encodeURIComponent(charge)
    + '/payment', { method: 'POST', body: {} });
}

export function openInstalmentPayment(id, number) {
  return request('/api/allocations/' + encodeURIComponent(id) + '/instalments/' + encodeURIComponent(number)
    + '/payment', { method: 'POST', body: {} });
}

/** GET /api/allocations/{id}/instalments: each instalment with its state (PAID, DUE, OVERDUE, …) and receipt. */
export function getInstalments(id, options) {
  return request('/api/allocations/' + encodeURIComponent(id) + '/instalments', options);
}

/** GET /api/payments/{token}: the payment's receipt, once the gateway has confirmed it. */
export function getPayment(token, options) {
  return request('/api/payments/' + encodeURIComponent(token), options);
}

/** GET /api/instalments/overdue: unpaid instalments past due in the officer's estates. */
export function getOverdueInstalments(options) {
  return request('/api/instalments/overdue', options);
}

/** GET /api/sandbox/{token}: what the sandbox gateway's page shows. */
export function getSandboxPayment(token, options) {
  return request('/api/sandbox/' + encodeURIComponent(token), options);
}

/** POST /api/sandbox/{token}/{confirm|cancel}: the payer's answer on the sandbox page. */
export function decideSandboxPayment(token, action) {
  return request('/api/sandbox/' + encodeURIComponent(token) + '/' + action, { method: 'POST', body: {} });
}

/** GET /api/idle-register: a page of the public idle register (GeoJSON features, no personal data). */
export function getIdleRegister(params, options) {
  return request('/api/idle-register' + query(params), options);
}

/** The download of the idle register as CSV or GeoJSON, filtered like the page. */
export function idleRegisterDownloadUrl(format, params) {
  return '/api/idle-register/download' + query({ ...params, format });
}

/** GET /api/revival-stats: the revival headquarters' figures per province for a year. */
export function getRevivalStats(year, options) {
  return request('/api/revival-stats' + query({ year }), options);
}

/** POST /api/revival-targets: an administrator sets a province's revival target for a year. */
export function setRevivalTarget(province, year, target) {
  return request('/api/revival-targets', { method: 'POST', body: { province, year, target } });
}

// ---- revival before reclaim: advisers' diagnoses, the working group's desk, the holder's plan ----

/** GET /api/revival/vocabularies: {causes, agencies, recommendations, decisions} codes. */
export function getRevivalVocabularies(options) {
  return request('/api/revival/vocabularies', options);
}

/** POST /api/idle-cases/{id}/diagnoses {causes, evidence, recommendation, visitedOn}: an adviser's diagnosis. */
export function recordDiagnosis(caseId, body) {
  return request('/api/idle-cases/' + encodeURIComponent(caseId) + '/diagnoses', { method: 'POST', body });
}

/** GET /api/working-group/sessions: the sessions with units of the caller's estates on their agenda. */
export function getWorkingGroupSessions(options) {
  return request('/api/working-group/sessions', options);
}

/** POST /api/working-group/sessions {provinceId, heldOn, members, caseIds}. */
export function createWorkingGroupSession(body) {
  return request('/api/working-group/sessions', { method: 'POST', body });
}

/** POST /api/working-group/sessions/{id}/agenda/{case}/decision {decision, items, bankName, facilityRials, months, note}. */
export function decideAgendaItem(sessionId, caseId, body) {
  return request('/api/working-group/sessions/' + encodeURIComponent(sessionId) + '/agenda/'
    + encodeURIComponent(caseId) + '/decision', { method: 'POST', body });
}

/** GET /api/allocations/{id}/revival: the latest case's plan, stopped clock, decisions and diagnoses. */
export function getRevival(allocationId, options) {
  return request('/api/allocations/' + encodeURIComponent(allocationId) + '/revival', options);
}

/** POST /api/idle-cases/{id}/plan-items/{item}/met {on}: staff record a plan item met. */
export function markPlanItemMet(caseId, itemId, on) {
  return request('/api/idle-cases/' + encodeURIComponent(caseId) + '/plan-items/' + encodeURIComponent(itemId)
    + '/met', { method: 'POST', body: on ? { on } : {} });
}
