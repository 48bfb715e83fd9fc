// The status legend with the number of plots per status in the current view,
// and the key to the infrastructure lines.
import { t, formatNumber, onLanguageChange, plural } from './i18n.js';
import { STATUSES, STATUS_COLOURS, INFRA_KINDS, INFRA_STYLES, statusLabel, infraLabel } from './labels.js';

function swatch(className, colour, border) {
  const el = document.createElement('span');
  el.className = className;
  el.setAttribute('aria-hidden', 'true');
  el.style.setProperty('--swatch', colour);
  if (border) el.style.setProperty('--swatch-border', border);
  return el;
}

/**
 * Builds the legend in its section. `update(state)` takes
 * {scope: "parcels"|"estates"|"none", counts, numberMatched}: the plots in view matching the filters (every one is
 * drawn: the map is tiles), or the estates' kept totals when zoomed out.
 */
export function createLegend(root = document.getElementById('legend')) {
  const list = root.querySelector('#legend-list');
  const scope = root.querySelector('#counts-scope');
  const summary = root.querySelector('#counts-summary');
  const infraList = root.querySelector('#infra-legend');
  let state = { scope: 'none', counts: {} };

  const rows = STATUSES.map((status) => {
    const item = document.createElement('li');
    item.className = 'legend-item legend-' + status;
    item.dataset.status = status;
    const label = document.createElement('span');
    label.className = 'legend-label';
    const count = document.createElement('span');
    count.className = 'legend-count';
    count.dataset.status = status;
    const colours = STATUS_COLOURS[status];
    item.append(swatch('swatch', colours.fill, colours.stroke), label, count);
    list.appendChild(item);
    return { status, label, count };
  });

  const infraRows = INFRA_KINDS.map((kind) => {
    const item = document.createElement('li');
    item.className = 'legend-item infra-legend-item';
    item.dataset.kind = kind;
    const style = INFRA_STYLES[kind];
    const line = swatch('line-swatch', style.color);
    line.classList.toggle('line-swatch-dashed', Boolean(style.dashArray));
    const label = document.createElement('span');
    label.className = 'legend-label';
    item.append(line, label);
    infraList.appendChild(item);
    return { kind, label };
  });

  function render() {
    for (const row of rows) {
      row.label.textContent = statusLabel(row.status);
      const n = state.counts && state.counts[row.status];
      row.count.textContent = state.scope === 'none' ? '' : formatNumber(n || 0);
      row.count.dataset.count = String(n || 0);
    }
    for (const row of infraRows) row.label.textContent = infraLabel(row.kind);

    if (state.scope === 'parcels') {
      scope.textContent = t('counts.parcelsScope');
    } else if (state.scope === 'estates') {
      scope.textContent = t('counts.estatesScope');
    } else {
      scope.textContent = '';
    }
    root.dataset.scope = state.scope;

    summary.textContent = state.scope === 'parcels'
      ? plural({ one: 'counts.inViewOne', other: 'counts.inView' }, state.numberMatched || 0) : '';
  }

  onLanguageChange(render);
  render();

  return {
    update(next) {
      state = { counts: {}, ...next };
      render();
    },
  };
}
