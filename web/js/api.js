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

async function request(path, { signal } = {}) {
  let response;
  try {
    response = await fetch(path, {
      signal,
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
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
  if (body === null) throw new ApiError('unknown', response.status, 'empty or non-JSON response');
  return body;
}

/** Formats [minLon, minLat, maxLon, maxLat] for the `bbox` query parameter. */
export function bboxParam(bbox) {
  return bbox.map((n) => Number(n).toFixed(6)).join(',');
}

/** GET /api/config: base map, default language, offered languages. */
export function getConfig(options) {
  return request('/api/config', options);
}

/** GET /api/estates: FeatureCollection of estate boundaries with their properties. */
export function getEstates(options) {
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

/** GET /api/infrastructure?bbox=…: roads, rail and utility lines in view. */
export function getInfrastructure(bbox, options) {
  const value = Array.isArray(bbox) ? bboxParam(bbox) : bbox;
  return request('/api/infrastructure' + query({ bbox: value }), options);
}

/** GET /i18n/{lang}.json: the flat translation table of one language. */
export function getTranslations(lang, options) {
  return request('/i18n/' + encodeURIComponent(lang) + '.json', options);
}

/**
 * GET /api/availability: available plots, or vacant blocks with `contiguous: true`. `params` may hold within
 * (WKT or GeoJSON), near ([lon, lat]), radiusM, estate, province, minArea, maxArea, maxPrice, landUse,
 * utilities, maxDistanceM ({road: 500, …}), contiguous, minBlockArea, sort, limit, offset.
 */
export function getAvailability(params, options) {
  const p = { ...params };
  if (Array.isArray(p.near)) p.near = p.near.map((n) => Number(n).toFixed(7)).join(',');
  if (p.maxDistanceM && typeof p.maxDistanceM === 'object') {
    p.maxDistanceM = Object.entries(p.maxDistanceM).map(([kind, m]) => kind + ':' + m).join(',');
  }
  return request('/api/availability' + query(p), options);
}

/** GET /api/stats?groupBy=province|estate: plots and area by status, occupancy and idle rate per group. */
export function getStats(groupBy, options) {
  return request('/api/stats' + query({ groupBy }), options);
}

/** GET /api/stats/what-if?idleYears=N: plots and hectares freed per estate by reclaiming long-idle plots. */
export function getWhatIf(idleYears, options) {
  return request('/api/stats/what-if' + query({ idleYears }), options);
}
