// The calendar of offers: a month (Gregorian in English, Jalali in Persian, through Intl's calendars) with each
// offer's application window on the days it spans, linking to the offer. The previous/next month buttons and the
// offer links are reached with Tab; PageUp/PageDown (anywhere in the calendar) change the month.
import { getOffers } from '../api.js';
import { t, currentLanguage, formatNumber } from '../i18n.js';
import { loadEstateNames, estateName } from '../estate-names.js';
import { actionErrorBox, showActionError } from '../confirm.js';
import { h, fill } from '../dom.js';

const CALENDARS = { en: 'gregory', fa: 'persian' };
const LOCALES = { en: 'en-GB', fa: 'fa-IR-u-ca-persian' };
/** The first day of the week: Monday in English (en-GB), Saturday in Persian. */
const WEEK_STARTS = { en: 1, fa: 6 };
const EDGE_KEYS = { opens: 'calendar.opens', closes: 'calendar.closes', open: 'calendar.open' };
const STATE_KEYS = { DRAFT: 'rounds.stateDraft', PUBLISHED: 'rounds.statePublished', CLOSED: 'rounds.stateClosed' };

// the month shown (any day in it, at noon local time), kept across a redraw in the other language
let anchor = null;

/** The year, month and day of `date` in `calendar`, as numbers. */
function partsOf(date, calendar) {
  const parts = new Intl.DateTimeFormat('en-u-ca-' + calendar + '-nu-latn',
    { year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(date);
  const get = (type) => Number((parts.find((p) => p.type === type) || {}).value);
  return { year: get('year'), month: get('month'), day: get('day') };
}

const addDays = (date, n) => new Date(date.getFullYear(), date.getMonth(), date.getDate() + n, 12);
const isoDay = (date) => [date.getFullYear(), String(date.getMonth() + 1).padStart(2, '0'),
  String(date.getDate()).padStart(2, '0')].join('-');

/** The days of the month (in the page's calendar) that holds `date`, as local Dates at noon. */
function monthDays(date, calendar) {
  const first = addDays(date, 1 - partsOf(date, calendar).day);
  const month = partsOf(first, calendar).month;
  const days = [];
  for (let d = first; partsOf(d, calendar).month === month; d = addDays(d, 1)) days.push(d);
  return days;
}

/** Renders the calendar into `root`; `date` (YYYY-MM-DD, optional) picks the month shown. */
export async function renderCalendarView(root, { date } = {}) {
  const wanted = /^\d{4}-\d{2}-\d{2}$/.test(date || '') ? new Date(date + 'T12:00:00') : null;
  if (wanted && !Number.isNaN(wanted.getTime())) anchor = wanted;
  if (!anchor) anchor = addDays(new Date(), 0);
  const error = actionErrorBox('calendar-error');
  const body = h('div', { id: 'calendar-month' });
  fill(root, h('h2', {}, t('calendar.title')), h('p', { className: 'hint' }, t('calendar.intro')), error, body);

  let offers = [];
  try {
    [{ offers }] = await Promise.all([getOffers({ limit: 1000 }), loadEstateNames()]);
  } catch (err) {
    showActionError(error, err);
  }

  function move(months) {
    const calendar = CALENDARS[currentLanguage()];
    const days = monthDays(anchor, calendar);
    anchor = months < 0 ? addDays(days[0], -1) : addDays(days[days.length - 1], 1);
    draw();
    body.querySelector(months < 0 ? '#calendar-previous' : '#calendar-next').focus();
  }

  function link(offer, day) {
    const from = new Date(day.getFullYear(), day.getMonth(), day.getDate());
    const next = addDays(from, 1);
    const until = new Date(next.getFullYear(), next.getMonth(), next.getDate());
    const within = (at) => at >= from && at < until;
    const edge = within(new Date(offer.opensAt)) ? 'opens' : within(new Date(offer.closesAt)) ? 'closes' : 'open';
    const vars = { id: formatNumber(offer.id, { useGrouping: false }), estate: estateName(offer.estate) };
    return h('li', {}, h('a', { href: '#/rounds?offer=' + offer.id, className: 'calendar-offer calendar-' + edge,
      dataset: { offer: offer.id, edge, state: offer.state },
      title: t(STATE_KEYS[offer.state] || 'rounds.statePublished') },
    t(EDGE_KEYS[edge], vars)));
  }

  function draw() {
    const lang = currentLanguage();
    const calendar = CALENDARS[lang];
    const days = monthDays(anchor, calendar);
    const weekday = new Intl.DateTimeFormat(LOCALES[lang], { weekday: 'short' });
    const weekdayLong = new Intl.DateTimeFormat(LOCALES[lang], { weekday: 'long' });
    const dayTitle = new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'full' });
    const start = WEEK_STARTS[lang];
    const firstOfWeek = addDays(days[0], -((days[0].getDay() - start + 7) % 7));
    const heads = [];
    for (let i = 0; i < 7; i++) {
      const d = addDays(firstOfWeek, i);
      heads.push(h('th', { scope: 'col', abbr: weekdayLong.format(d) }, weekday.format(d)));
    }
    const cells = [];
    for (let i = 0; i < (days[0].getDay() - start + 7) % 7; i++) cells.push(h('td', { className: 'calendar-blank' }));
    const today = isoDay(new Date());
    for (const day of days) {
      const from = new Date(day.getFullYear(), day.getMonth(), day.getDate());
      const to = addDays(from, 1);
      const until = new Date(to.getFullYear(), to.getMonth(), to.getDate());
      const here = offers.filter((o) => new Date(o.opensAt) < until && new Date(o.closesAt) >= from);
      cells.push(h('td', { className: 'calendar-day' + (isoDay(day) === today ? ' calendar-today' : ''),
        dataset: { date: isoDay(day) } },
      h('span', { className: 'calendar-number', title: dayTitle.format(day) },
        formatNumber(partsOf(day, calendar).day)),
      here.length ? h('ul', { className: 'calendar-offers' }, here.map((o) => link(o, day))) : null));
    }
    while (cells.length % 7) cells.push(h('td', { className: 'calendar-blank' }));
    const rows = [];
    for (let i = 0; i < cells.length; i += 7) rows.push(h('tr', {}, cells.slice(i, i + 7)));
    const title = new Intl.DateTimeFormat(LOCALES[lang], { year: 'numeric', month: 'long' }).format(days[0]);
    const inMonth = offers.filter((o) => new Date(o.opensAt) < addDays(days[days.length - 1], 1)
      && new Date(o.closesAt) >= addDays(days[0], -1));
    fill(body,
      h('div', { className: 'calendar-nav' },
        h('button', { type: 'button', className: 'button', id: 'calendar-previous', onclick: () => move(-1) },
          t('calendar.previous')),
        h('h3', { id: 'calendar-caption', 'aria-live': 'polite', dataset: { month: isoDay(days[0]) } }, title),
        h('button', { type: 'button', className: 'button', id: 'calendar-next', onclick: () => move(1) },
          t('calendar.next'))),
      h('table', { className: 'calendar', id: 'calendar-table', 'aria-labelledby': 'calendar-caption' },
        h('thead', {}, h('tr', {}, heads)), h('tbody', {}, rows)),
      inMonth.length ? null : h('p', { className: 'empty-state', id: 'calendar-empty' }, t('calendar.empty')));
  }

  body.addEventListener('keydown', (event) => {
    if (event.key === 'PageUp' || event.key === 'PageDown') {
      event.preventDefault();
      move(event.key === 'PageUp' ? -1 : 1);
    }
  });
  draw();
}
