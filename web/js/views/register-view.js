// The public idle register (every idle plot: estate, plot, since when, stage, government-caused delay, outcome —
// no personal data; with CSV and GeoJSON downloads and the OGC collection's link) and the revival headquarters'
// dashboard for planners and admins: per province and year, units idle, diagnosed, under a plan, revived,
// reclaimed, average days to revival, causes, and the target (admins set it) with the progress against it.
import { getIdleRegister, idleRegisterDownloadUrl, getRevivalStats, setRevivalTarget } from '../api.js';
import { t, formatNumber, formatDate, parseNumber } from '../i18n.js';
import { errorMessage, localName } from '../labels.js';
import { h } from '../dom.js';

const STAGE_KEYS = {
  OPEN: 'register.stage.OPEN', NOTICE_SERVED: 'register.stage.NOTICE_SERVED', REVIVAL_PLAN: 'register.stage.REVIVAL_PLAN',
  EXTENDED: 'register.stage.EXTENDED', RECLAIMED: 'register.stage.RECLAIMED', REVIVED: 'register.stage.REVIVED',
  DISMISSED: 'register.stage.DISMISSED',
};
const REGISTER_COLUMNS = ['register.col.estate', 'register.col.plot', 'register.col.since', 'register.col.stage',
  'register.col.governmentCaused', 'register.col.outcome'];
const REVIVAL_COLUMNS = ['revival.col.province', 'revival.col.idle', 'revival.col.diagnosed', 'revival.col.underPlan',
  'revival.col.revived', 'revival.col.reclaimed', 'revival.col.avgDays', 'revival.col.causes', 'revival.col.target',
  'revival.col.progress'];

function stageLabel(stage) {
  if (!stage) return '–';
  const warning = /^WARNING_(\d+)$/.exec(stage);
  if (warning) return t('register.stage.WARNING', { n: formatNumber(Number(warning[1])) });
  return STAGE_KEYS[stage] ? t(STAGE_KEYS[stage]) : stage;
}

function day(value) {
  return value ? formatDate(value + 'T00:00:00Z', { dateStyle: 'medium', timeZone: 'UTC' }) : '–';
}

/** Renders the public idle register into `root`. */
export async function renderIdleRegisterView(root) {
  const status = h('p', { className: 'form-status', role: 'status', 'aria-live': 'polite', id: 'register-status' });
  const error = h('p', { className: 'form-error', role: 'alert', id: 'register-error', hidden: true });
  const body = h('tbody', { id: 'register-rows' });
  const downloads = h('p', { className: 'register-downloads' },
    h('a', { href: idleRegisterDownloadUrl('csv', {}), id: 'register-csv', download: '' }, t('register.downloadCsv')),
    ' · ',
    h('a', { href: idleRegisterDownloadUrl('geojson', {}), id: 'register-geojson', download: '' },
      t('register.downloadGeoJson')),
    ' · ',
    h('a', { href: '/ogc/collections/idle-register', id: 'register-ogc' }, t('register.ogc')));
  root.replaceChildren(h('section', { className: 'page-section', id: 'idle-register' },
    h('h2', {}, t('register.title')), h('p', { className: 'hint' }, t('register.intro')), downloads, status, error,
    h('table', { className: 'data-table' },
      h('thead', {}, h('tr', {}, ...REGISTER_COLUMNS.map((k) => h('th', { scope: 'col' }, t(k))))),
      body)));
  try {
    const page = await getIdleRegister({ limit: 500 });
    body.replaceChildren(...page.features.map(({ properties: p }) => h('tr', {},
      h('td', {}, localName(p.estateName, p.estateNameFa)),
      h('td', {}, p.plotNumber),
      h('td', {}, day(p.idleSince)),
      h('td', { className: 'register-stage' }, stageLabel(p.stage)),
      h('td', {}, t(p.governmentCaused ? 'register.yes' : 'register.no')),
      h('td', {}, p.outcome ? stageLabel(p.outcome) : '–'))));
    status.textContent = t('register.count', { count: formatNumber(page.numberMatched) });
  } catch (e) {
    error.textContent = errorMessage(e);
    error.hidden = false;
  }
}

/** Renders the revival dashboard into `root`; admins may set each province's target. */
export async function renderRevivalView(root, { user }) {
  const yearInput = h('input', { id: 'revival-year', inputMode: 'numeric', autocomplete: 'off',
    value: formatNumber(new Date().getUTCFullYear(), { useGrouping: false }) });
  const status = h('p', { className: 'form-status', role: 'status', 'aria-live': 'polite', id: 'revival-status' });
  const error = h('p', { className: 'form-error', role: 'alert', id: 'revival-error', hidden: true });
  const body = h('tbody', { id: 'revival-rows' });
  const admin = user && user.role === 'admin';

  async function load() {
    error.hidden = true;
    const year = parseNumber(yearInput.value);
    try {
      const stats = await getRevivalStats(year);
      body.replaceChildren(...stats.provinces.map((p) => row(p, stats.year)));
      status.textContent = t('revival.loaded', { year: formatNumber(stats.year, { useGrouping: false }) });
    } catch (e) {
      error.textContent = errorMessage(e);
      error.hidden = false;
    }
  }

  function row(p, year) {
    const causes = Object.entries(p.causes || {}).map(([c, n]) => t('revival.cause', { cause: c, count: formatNumber(n) }))
      .join(t('list.separator'));
    const target = admin
      ? h('form', { className: 'inline-form', onsubmit: async (event) => {
        event.preventDefault();
        try {
          await setRevivalTarget(p.province, year, parseNumber(event.target.elements.target.value));
          await load();
        } catch (e) {
          error.textContent = errorMessage(e);
          error.hidden = false;
        }
      } }, h('input', { name: 'target', inputMode: 'numeric', size: 5, 'aria-label': t('revival.col.target'),
        value: p.target === null ? '' : formatNumber(p.target, { useGrouping: false }) }),
      h('button', { type: 'submit' }, t('revival.setTarget')))
      : (p.target === null ? '–' : formatNumber(p.target));
    return h('tr', {},
      h('td', {}, localName(p.name, p.nameFa)), h('td', {}, formatNumber(p.idle)), h('td', {}, formatNumber(p.diagnosed)),
      h('td', {}, formatNumber(p.underPlan)), h('td', {}, formatNumber(p.revived)), h('td', {}, formatNumber(p.reclaimed)),
      h('td', {}, p.avgDaysToRevival === null ? '–' : formatNumber(p.avgDaysToRevival)), h('td', {}, causes || '–'),
      h('td', {}, target),
      h('td', {}, p.progressPercent === null ? '–' : t('stats.percent', { value: formatNumber(p.progressPercent) })));
  }

  root.replaceChildren(h('section', { className: 'page-section', id: 'revival' },
    h('h2', {}, t('revival.title')), h('p', { className: 'hint' }, t('revival.intro')),
    h('form', { className: 'inline-form', onsubmit: (event) => { event.preventDefault(); load(); } },
      h('label', { className: 'field' }, h('span', {}, t('revival.year')), yearInput),
      h('button', { type: 'submit' }, t('revival.show'))),
    status, error,
    h('table', { className: 'data-table' },
      h('thead', {}, h('tr', {}, ...REVIVAL_COLUMNS.map((k) => h('th', { scope: 'col' }, t(k))))), body)));
  await load();
}
