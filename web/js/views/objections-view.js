// The officer's queue of objections: the unanswered objections to the closed rounds of the estates they manage
// (every estate for an admin), oldest first, each with its answer form and a link to the round's published result.
import { getOffers, getRoundObjections } from '../api.js';
import { t, formatDateTime, formatNumber } from '../i18n.js';
import { loadEstateNames, estateName } from '../estate-names.js';
import { actionErrorBox, showActionError } from '../confirm.js';
import { h, fill } from '../dom.js';
import { objectionAnswerForm } from './objection-answer.js';

/** Renders the queue into `root` for a signed-in officer or admin. */
export async function renderObjectionsView(root, { user }) {
  const error = actionErrorBox('objections-error');
  const list = h('div', { className: 'card-list', id: 'objections-queue', 'aria-busy': 'true' });
  fill(root, h('h2', {}, t('objections.title')), h('p', { className: 'hint' }, t('objections.intro')), error, list);

  async function load() {
    list.setAttribute('aria-busy', 'true');
    try {
      const [{ offers }] = await Promise.all([getOffers({ state: 'CLOSED', limit: 1000 }), loadEstateNames()]);
      const mine = offers.filter((o) => user.role === 'admin' || (user.estates || []).includes(o.estate));
      const answers = await Promise.all(mine.map((o) => getRoundObjections(o.id)
        .then((r) => r.objections.filter((x) => !x.outcome).map((x) => ({ offer: o, objection: x })))));
      const open = answers.flat().sort((a, b) => String(a.objection.filedAt).localeCompare(String(b.objection.filedAt)));
      fill(list, open.length ? open.map(item) : h('p', { className: 'empty-state', id: 'objections-empty' },
        t('objections.empty')));
    } catch (err) {
      showActionError(error, err);
    } finally {
      list.removeAttribute('aria-busy');
    }
  }

  function item({ offer, objection }) {
    const title = t('rounds.offerTitle', { id: formatNumber(offer.id, { useGrouping: false }),
      estate: estateName(offer.estate) });
    const failed = actionErrorBox('objection-error-' + objection.id);
    return h('article', { className: 'card objection-item', dataset: { id: objection.id, offer: offer.id } },
      h('h3', {}, title),
      h('p', {}, t('rounds.objectionBy', { application: formatNumber(objection.applicationId, { useGrouping: false }),
        filed: formatDateTime(objection.filedAt) })),
      objection.text ? h('p', { className: 'objection-text' }, objection.text) : null,
      offer.objectionsCloseAt ? h('p', { className: 'hint' }, t('objections.windowCloses', {
        when: formatDateTime(offer.objectionsCloseAt) })) : null,
      h('p', {}, h('a', { href: '#/rounds?offer=' + offer.id }, t('objections.seeResult', { title }))),
      failed,
      objectionAnswerForm(offer, objection, { onAnswered: load, onError: (err) => showActionError(failed, err) }));
  }

  await load();
}
