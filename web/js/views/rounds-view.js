// Allocation rounds: the offers with their windows; an investor applies to an open round ranking its plots; staff of
// the estate publish and close; anyone reads a closed round's result (scores, lottery ranks, outcomes) and downloads
// the document that `./zamin verify-round` checks; an applicant objects, staff answer (upholding records the corrected
// application and publishes the next document version); a winner pays the award's deposit.
import {
  applyToRound, getOffers, getRoundApplications, getRoundAwards, getRoundObjections,
  getRoundResult, objectToRound, offerAction, payRoundAward, roundDocumentUrl,
} from '../api.js';
import { t, formatArea, formatDateTime, formatNumber } from '../i18n.js';
import { loadEstateNames, estateName } from '../estate-names.js';
import { errorMessage } from '../labels.js';
import { confirmAction } from '../confirm.js';
import { objectionAnswerForm } from './objection-answer.js';
import { h } from '../dom.js';

const STATE_KEYS = { DRAFT: 'rounds.stateDraft', PUBLISHED: 'rounds.statePublished', CLOSED: 'rounds.stateClosed' };
const OUTCOME_KEYS = {
  WON: 'rounds.outcomeWon',
  NO_PLOT_LEFT: 'rounds.outcomeNoPlotLeft',
  BELOW_MINIMUM: 'rounds.outcomeBelowMinimum',
  INELIGIBLE: 'rounds.outcomeIneligible',
};
const AWARD_KEYS = {
  DUE: 'rounds.awardDue', PAID: 'rounds.awardPaid', LAPSED: 'rounds.awardLapsed', REVOKED: 'rounds.awardRevoked',
};
/** The name of each category policy (V762); an unknown code shows as it is. */
const POLICY_KEYS = { STANDARD: 'policy.STANDARD', KNOWLEDGE_BASED: 'policy.KNOWLEDGE_BASED',
  SMALL_POWER_PLANT: 'policy.SMALL_POWER_PLANT' };
const policyName = (code) => (POLICY_KEYS[code] ? t(POLICY_KEYS[code]) : code);

/** Renders the rounds page into `root` for `user` (null for a visitor); `offer` (an id) is brought into view. */
export async function renderRoundsView(root, { user, offer: target = null }) {
  const message = h('p', { className: 'form-error', role: 'alert', hidden: true, id: 'rounds-error' });
  const list = h('div', { className: 'card-list', id: 'rounds-list' });
  const detail = h('div', { id: 'round-detail' });
  root.replaceChildren(h('h2', {}, t('rounds.title')), h('p', { className: 'hint' }, t('rounds.intro')), message,
    list, detail);

  const fail = (error) => {
    message.textContent = errorMessage(error);
    message.dataset.code = error.code || 'unknown';
    message.hidden = false;
  };

  async function act(offer, action) {
    if (action === 'publish' && !await confirmAction(t('confirm.publishOffer', {
      id: formatNumber(offer.id, { useGrouping: false }), count: formatNumber(offer.plots.length) }))) return;
    message.hidden = true;
    try {
      await offerAction(offer.id, action);
    } catch (error) {
      fail(error);
    }
    await load();
  }

  function card(offer) {
    const staff = user && (user.role === 'officer' || user.role === 'admin');
    return h('article', { className: 'card round-card', dataset: { id: offer.id, state: offer.state } },
      h('h3', {}, t('rounds.offerTitle', { id: formatNumber(offer.id), estate: estateName(offer.estate) })),
      h('p', {}, t(STATE_KEYS[offer.state]), t('list.separator'), t('rounds.window', {
        opens: formatDateTime(offer.opensAt), closes: formatDateTime(offer.closesAt) })),
      h('p', { className: 'hint' }, t('rounds.counts', { plots: formatNumber(offer.plots.length),
        applications: formatNumber(offer.applications), ranked: formatNumber(offer.maxRanked) })),
      offer.seedCommitment ? h('p', { className: 'hint mono' }, t('rounds.commitment'), ' ',
        h('code', {}, offer.seedCommitment)) : null,
      h('div', { className: 'actions' },
        user && user.role === 'investor' && offer.state === 'PUBLISHED'
          ? h('button', { type: 'button', className: 'button button-primary apply-button',
            onclick: () => showApplication(offer) }, t('rounds.apply')) : null,
        staff && offer.state === 'DRAFT' ? h('button', { type: 'button', className: 'button publish-button',
          onclick: () => act(offer, 'publish') }, t('rounds.publish')) : null,
        staff && offer.state === 'PUBLISHED' ? h('button', { type: 'button', className: 'button close-button',
          onclick: () => act(offer, 'close') }, t('rounds.close')) : null,
        offer.state === 'CLOSED' ? h('button', { type: 'button', className: 'button result-button',
          onclick: () => showResult(offer) }, t('rounds.result')) : null));
  }

  async function showApplication(offer) {
    message.hidden = true;
    let mine = null;
    try {
      mine = (await getRoundApplications(offer.id)).applications[0] || null;
    } catch (error) {
      fail(error);
    }
    const choices = [];
    for (let i = 0; i < offer.maxRanked; i++) {
      choices.push(h('div', { className: 'field' },
        h('label', { htmlFor: 'round-rank-' + i }, t('rounds.rank', { n: formatNumber(i + 1) })),
        h('select', { id: 'round-rank-' + i, className: 'round-rank' },
          h('option', { value: '' }, t('rounds.noPlot')),
          offer.plots.map((p) => h('option', { value: p.id, selected: mine && mine.ranking[i] === p.id },
            t('rounds.plotChoice', { number: p.plotNumber, area: formatArea(p.areaM2) }))))));
    }
    const input = (id, key, value) => h('div', { className: 'field' }, h('label', { htmlFor: id }, t(key)),
      h('input', { id, inputMode: 'numeric', value: value === undefined || value === null ? '' : String(value) }));
    const error = h('p', { className: 'form-error', role: 'alert', hidden: true });
    const done = h('p', { className: 'notice', role: 'status', hidden: true, id: 'round-applied' });
    const form = h('form', { className: 'form', id: 'round-form', novalidate: true },
      h('h3', {}, t('rounds.applyTitle', { id: formatNumber(offer.id) })), ...choices,
      input('round-activity', 'reserve.activity', mine && mine.activity),
      input('round-investment', 'reserve.investment', mine && mine.investment),
      input('round-jobs', 'reserve.jobs', mine && mine.jobs),
      input('round-exports', 'rounds.exportShare', mine ? mine.exportSharePct : 0),
      h('label', { className: 'checkbox' }, h('input', { type: 'checkbox', id: 'round-knowledge-based',
        checked: Boolean(mine && mine.knowledgeBased) }), ' ', t('reserve.knowledgeBased')),
      error, done,
      h('button', { type: 'submit', className: 'button button-primary', id: 'round-submit' }, t('rounds.submit')));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.hidden = true;
      const value = (id) => form.querySelector('#' + id).value.trim();
      try {
        const saved = await applyToRound(offer.id, {
          ranking: Array.from(form.querySelectorAll('.round-rank')).map((s) => s.value).filter(Boolean).map(Number),
          activity: value('round-activity'),
          investment: value('round-investment'),
          jobs: value('round-jobs'),
          exportSharePct: value('round-exports') || '0',
          knowledgeBased: form.querySelector('#round-knowledge-based').checked,
        });
        done.textContent = t('rounds.applied', { id: formatNumber(saved.id) });
        done.dataset.id = saved.id;
        done.hidden = false;
      } catch (err) {
        error.textContent = errorMessage(err);
        error.dataset.code = err.code || 'unknown';
        error.hidden = false;
      }
    });
    detail.replaceChildren(form);
  }

  async function showResult(offer) {
    message.hidden = true;
    let answer;
    try {
      answer = await getRoundResult(offer.id);
    } catch (error) {
      fail(error);
      return;
    }
    const plotNumber = new Map(offer.plots.map((p) => [p.id, p.plotNumber]));
    const rows = answer.document.result.applicants.map((a) => h('tr', {
      className: a.id === answer.yourApplicationId ? 'round-row round-row-mine' : 'round-row',
      dataset: { id: a.id, outcome: a.outcome } },
    h('td', {}, a.id === answer.yourApplicationId ? t('rounds.you') : '#' + formatNumber(a.id)),
    h('td', { className: 'round-score' }, formatNumber(a.score / 1000, { maximumFractionDigits: 3 })),
    h('td', {}, t('rounds.breakdown', {
      jobs: formatNumber(a.breakdown.jobsPerHectare / 1000, { maximumFractionDigits: 3 }),
      investment: formatNumber(a.breakdown.investmentPerM2 / 1000, { maximumFractionDigits: 3 }),
      knowledge: formatNumber(a.breakdown.knowledgeBased / 1000, { maximumFractionDigits: 3 }),
      exports: formatNumber(a.breakdown.exportShare / 1000, { maximumFractionDigits: 3 }) })),
    h('td', {}, formatNumber(a.lotteryRank)),
    h('td', { className: 'round-outcome' }, t(OUTCOME_KEYS[a.outcome])),
    h('td', {}, a.plot ? plotNumber.get(a.plot) || String(a.plot) : '—')));
    detail.replaceChildren(h('section', { id: 'round-result' },
      h('h3', {}, t('rounds.resultTitle', { id: formatNumber(offer.id) })),
      h('p', { className: 'hint' }, t('rounds.sha'), ' ', h('code', { id: 'round-sha' }, answer.documentSha256)),
      h('p', { className: 'hint' }, t('rounds.verifyHint')),
      h('a', { className: 'button', href: roundDocumentUrl(offer.id), download: 'round-' + offer.id + '.json' },
        t('rounds.download')),
      h('table', { className: 'data-table' },
        h('thead', {}, h('tr', {}, ['rounds.applicant', 'rounds.score', 'rounds.scoreParts', 'rounds.lotteryRank',
          'rounds.outcomeTitle', 'rounds.plot'].map((k) => h('th', {}, t(k))))),
        h('tbody', {}, rows)),
      answer.version > 1 ? h('p', { className: 'notice', id: 'round-version' },
        t('rounds.amendedVersion', { version: formatNumber(answer.version),
          objection: formatNumber(answer.document.amendment.objectionId) })) : null,
      policySection(answer.document && answer.document.policies),
      await awardSection(offer, answer),
      await objectionSection(offer, answer)));
  }

  /** The category policies the round published with its document: who pays what share of the land price, how. */
  function policySection(policies) {
    if (!policies || !policies.length) {
      return null;
    }
    return h('details', { id: 'round-policies' }, h('summary', {}, t('rounds.policiesTitle')),
      h('ul', {}, policies.map((p) => h('li', { dataset: { policy: p.code } }, t('rounds.policyRow', {
        policy: policyName(p.code), share: formatNumber(p.priceShareBp / 100), cash: formatNumber(p.cashShareBp / 100),
        count: formatNumber(p.instalmentCount), interval: formatNumber(p.intervalMonths) }),
      p.auctionExempt ? ' · ' + t('rounds.policyAuctionExempt') : ''))));
  }

  /** The viewer's award, if they hold one: its deposit, deadline and a pay button while it is due. */
  async function awardSection(offer, answer) {
    if (!answer.yourApplicationId) {
      return null;
    }
    const { awards } = await getRoundAwards(offer.id).catch(() => ({ awards: [] }));
    const mine = awards.filter((a) => a.applicationId === answer.yourApplicationId).pop();
    if (!mine) {
      return null;
    }
    const status = h('p', { className: 'notice', role: 'status', id: 'round-award-state',
      dataset: { state: mine.allocationId ? 'ALLOCATED' : mine.state } }, mine.allocationId
      ? t('rounds.awardAllocated', { plot: mine.plotNumber, allocation: formatNumber(mine.allocationId) })
      : t(AWARD_KEYS[mine.state], { plot: mine.plotNumber, amount: formatNumber(mine.depositAmount),
        payBy: formatDateTime(mine.payBy), objectionsEnd: formatDateTime(mine.objectionsEnd) }));
    const terms = mine.terms && mine.terms.policy ? h('p', { id: 'round-award-terms',
      dataset: { policy: mine.terms.policy } }, t(mine.terms.instalmentCount ? 'rounds.awardTerms'
      : 'rounds.awardTermsCash', { policy: policyName(mine.terms.policy),
      landPrice: formatNumber(mine.terms.landPrice), listPrice: formatNumber(mine.terms.listPrice),
      cash: formatNumber(mine.terms.cashShareBp / 100), count: formatNumber(mine.terms.instalmentCount),
      interval: formatNumber(mine.terms.intervalMonths), grace: formatNumber(mine.terms.graceMonths) })) : null;
    const contract = mine.allocationId ? h('a', { className: 'button', id: 'round-award-contract',
      href: '#/contract/' + mine.allocationId }, t('rounds.awardContract')) : null;
    const error = h('p', { className: 'form-error', role: 'alert', hidden: true });
    const pay = mine.state === 'DUE' ? h('button', { type: 'button', className: 'button button-primary',
      id: 'round-award-pay', onclick: async () => {
        error.hidden = true;
        try {
          await payRoundAward(offer.id);
          await showResult(offer);
        } catch (err) {
          error.textContent = errorMessage(err);
          error.dataset.code = err.code || 'unknown';
          error.hidden = false;
        }
      } }, t('rounds.awardPay')) : null;
    return h('section', { id: 'round-award' }, h('h4', {}, t('rounds.awardTitle')), status, terms, contract, error,
      pay);
  }

  /** Objections: the applicant's form while none is filed; staff answer each open one (upholding states the fix). */
  async function objectionSection(offer, answer) {
    const staff = user && (user.role === 'officer' || user.role === 'admin');
    const { objections } = await getRoundObjections(offer.id).catch(() => ({ objections: [] }));
    const error = h('p', { className: 'form-error', role: 'alert', hidden: true, id: 'round-objection-error' });
    const failHere = (err) => {
      error.textContent = errorMessage(err);
      error.dataset.code = err.code || 'unknown';
      error.hidden = false;
    };
    const items = objections.map((o) => h('li', { className: 'round-objection', dataset: { id: o.id,
      outcome: o.outcome || 'FILED' } },
    h('p', {}, t('rounds.objectionBy', { application: formatNumber(o.applicationId),
      filed: formatDateTime(o.filedAt) })),
    o.text ? h('p', { className: 'objection-text' }, o.text) : null,
    o.outcome ? h('p', { className: 'objection-outcome' }, t(o.outcome === 'UPHELD' ? 'rounds.objectionUpheld'
      : 'rounds.objectionDismissed'), t('list.separator'), o.answer) : null,
    staff && !o.outcome ? objectionAnswerForm(offer, o, { onAnswered: () => showResult(offer), onError: failHere })
      : null));
    const mayObject = user && user.role === 'investor' && answer.yourApplicationId
      && !objections.some((o) => o.applicationId === answer.yourApplicationId);
    let form = null;
    if (mayObject) {
      const text = h('textarea', { id: 'round-objection-text', rows: 3, maxLength: 4000 });
      form = h('form', { className: 'form', id: 'round-objection-form', novalidate: true },
        h('label', { htmlFor: 'round-objection-text' }, t('rounds.objectionText')), text,
        h('button', { type: 'submit', className: 'button', id: 'round-object' }, t('rounds.object')));
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        error.hidden = true;
        try {
          await objectToRound(offer.id, text.value);
          await showResult(offer);
        } catch (err) {
          failHere(err);
        }
      });
    }
    return h('section', { id: 'round-objections' }, h('h4', {}, t('rounds.objectionsTitle')),
      items.length ? h('ul', { className: 'plain-list' }, items)
        : h('p', { className: 'hint' }, t('rounds.noObjections')),
      error, form);
  }

  async function load() {
    try {
      const [{ offers }] = await Promise.all([getOffers(), loadEstateNames()]);
      list.replaceChildren(...(offers.length ? offers.map(card)
        : [h('p', { className: 'empty-state' }, t('rounds.empty'))]));
      const wanted = target && list.querySelector('.round-card[data-id="' + target + '"]');
      if (wanted) {
        wanted.classList.add('round-card-target');
        wanted.setAttribute('tabindex', '-1');
        wanted.focus();
        wanted.scrollIntoView({ block: 'center' });
        target = null;
      }
    } catch (error) {
      fail(error);
    }
  }
  await load();
}
