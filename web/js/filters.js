// The filter form: estate, status, area range, land use and required utilities.
import { onLanguageChange, parseNumber } from './i18n.js';
import { STATUSES, STATUS_COLOURS, LAND_USES, UTILITIES, statusLabel, landUseLabel, utilityLabel, localName }
  from './labels.js';

function checkbox(name, value, colour) {
  const label = document.createElement('label');
  label.className = 'checkbox';
  const input = document.createElement('input');
  input.type = 'checkbox';
  input.name = name;
  input.value = value;
  input.checked = name === 'status';
  const swatch = document.createElement('span');
  if (colour) {
    swatch.className = 'swatch';
    swatch.style.setProperty('--swatch', colour.fill);
    swatch.style.setProperty('--swatch-border', colour.stroke);
    swatch.setAttribute('aria-hidden', 'true');
  }
  const text = document.createElement('span');
  text.className = 'checkbox-text';
  label.append(input);
  if (colour) label.append(swatch);
  label.append(text);
  return { label, input, text };
}

/**
 * Binds the filter form. `onChange({estateChanged})` is called after any change.
 * Returns {params(), setEstates(features), setEstate(code), estate()}.
 */
export function createFilters(form, { onChange = () => {} } = {}) {
  const estateSelect = form.querySelector('#filter-estate');
  const landUseSelect = form.querySelector('#filter-land-use');
  const minArea = form.querySelector('#filter-min-area');
  const maxArea = form.querySelector('#filter-max-area');
  const areaError = form.querySelector('#filter-area-error');
  const statusBox = form.querySelector('#filter-status-options');
  const utilityBox = form.querySelector('#filter-utilities-options');

  const statusInputs = STATUSES.map((status) => {
    const box = checkbox('status', status, STATUS_COLOURS[status]);
    box.label.dataset.status = status;
    statusBox.appendChild(box.label);
    return box;
  });
  const utilityInputs = UTILITIES.map((utility) => {
    const box = checkbox('utilities', utility);
    utilityBox.appendChild(box.label);
    return box;
  });
  const landUseOptions = LAND_USES.map((use) => {
    const option = document.createElement('option');
    option.value = use;
    landUseSelect.appendChild(option);
    return option;
  });
  let estates = [];

  function renderLabels() {
    for (const box of statusInputs) box.text.textContent = statusLabel(box.input.value);
    for (const box of utilityInputs) box.text.textContent = utilityLabel(box.input.value);
    for (const option of landUseOptions) option.textContent = landUseLabel(option.value);
    for (const option of estateSelect.querySelectorAll('option[data-estate]')) {
      const estate = estates.find((e) => e.code === option.value);
      if (estate) option.textContent = localName(estate.name, estate.nameFa);
    }
  }

  function area(input) {
    const value = parseNumber(input.value);
    const valid = input.value.trim() === '' || (value !== null && value >= 0);
    input.setAttribute('aria-invalid', valid ? 'false' : 'true');
    return valid ? value : undefined;
  }

  /** The current filters as /api/parcels query parameters; status is [] when none is ticked. */
  function params() {
    const result = {};
    if (estateSelect.value) result.estate = estateSelect.value;
    const statuses = statusInputs.filter((b) => b.input.checked).map((b) => b.input.value);
    if (statuses.length < STATUSES.length) result.status = statuses;
    let min = area(minArea);
    let max = area(maxArea);
    const badRange = min !== undefined && max !== undefined && min !== null && max !== null && min > max;
    areaError.hidden = !(badRange || min === undefined || max === undefined);
    if (badRange) {
      min = null;
      max = null;
    }
    if (min !== null && min !== undefined) result.minArea = min;
    if (max !== null && max !== undefined) result.maxArea = max;
    if (landUseSelect.value) result.landUse = [landUseSelect.value];
    const utilities = utilityInputs.filter((b) => b.input.checked).map((b) => b.input.value);
    if (utilities.length) result.utilities = utilities;
    return result;
  }

  let lastEstate = '';
  function changed() {
    const estateChanged = estateSelect.value !== lastEstate;
    lastEstate = estateSelect.value;
    onChange({ estateChanged, estate: estateSelect.value });
  }

  form.addEventListener('change', (event) => {
    if (event.target === minArea || event.target === maxArea) return;
    changed();
  });
  form.addEventListener('input', (event) => {
    if (event.target === minArea || event.target === maxArea) changed();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    changed();
  });
  form.addEventListener('reset', () => {
    // The reset event fires before the browser restores defaults.
    setTimeout(() => {
      for (const box of statusInputs) box.input.checked = true;
      for (const input of [minArea, maxArea]) input.setAttribute('aria-invalid', 'false');
      areaError.hidden = true;
      changed();
    });
  });
  form.querySelector('#filter-status-all').addEventListener('click', () => {
    for (const box of statusInputs) box.input.checked = true;
    changed();
  });
  form.querySelector('#filter-status-none').addEventListener('click', () => {
    for (const box of statusInputs) box.input.checked = false;
    changed();
  });

  onLanguageChange(renderLabels);
  renderLabels();

  return {
    params,
    estate: () => estateSelect.value,

    /** Fills the estate select from the estates' properties. */
    setEstates(list) {
      estates = list;
      for (const option of estateSelect.querySelectorAll('option[data-estate]')) option.remove();
      for (const estate of list) {
        const option = document.createElement('option');
        option.value = estate.code;
        option.dataset.estate = estate.code;
        estateSelect.appendChild(option);
      }
      renderLabels();
    },

    /** Selects an estate without firing a change (the caller handles the map). */
    setEstate(code) {
      estateSelect.value = code || '';
      lastEstate = estateSelect.value;
    },
  };
}
