// The officer's review queue: submitted applications of their estates, each with the plot and its neighbours on
// a map, the application, the investor's other holdings, and approve / reject with a reason.
import { getReservations, getParcels, reservationAction, rejectReservation } from '../api.js';
import { t, formatNumber } from '../i18n.js';
import { errorMessage, STATUS_COLOURS, localName } from '../labels.js';
import { h, textNode } from '../dom.js';
import { confirmAction, actionErrorBox, showActionError } from '../confirm.js';
import { reservationCard } from './reservation-card.js';

let miniMap = null;

async function showMap(container, r) {
  if (miniMap) miniMap.remove();
  miniMap = L.map(container, { zoomControl: true, attributionControl: false });
  const [x0, y0, x1, y1] = r.bbox;
  const pad = Math.max(x1 - x0, y1 - y0) * 1.5 + 0.001;
  miniMap.fitBounds([[y0, x0], [y1, x1]], { padding: [40, 40], animate: false });
  const own = new Set((r.parcels || []).map((p) => p.id));
  const around = await getParcels({ bbox: [x0 - pad, y0 - pad, x1 + pad, y1 + pad], limit: 500 });
  L.geoJSON(around, {
    style: (f) => {
      const c = STATUS_COLOURS[f.properties.status] || STATUS_COLOURS.NOT_OFFERED;
      const mine = own.has(f.properties.id);
      return { color: mine ? '#111' : c.stroke, weight: mine ? 3 : 1, fillColor: c.fill, fillOpacity: 0.6,
        className: mine ? 'review-plot' : 'review-neighbour' };
    },
    onEachFeature: (f, layer) => layer.bindTooltip(() => textNode(t('review.plotTooltip', {
      number: f.properties.plotNumber,
    }))),
  }).addTo(miniMap);
}

/** Renders the officer's queue into `root`. */
export async function renderReviewView(root) {
  const message = h('p', { className: 'form-error', role: 'alert', hidden: true });
  const list = h('div', { className: 'card-list', id: 'review-list' });
  const detail = h('div', { className: 'review-detail', id: 'review-detail' });
  root.replaceChildren(h('h2', {}, t('review.title')), message, h('div', { className: 'review-layout' }, list, detail));

  // The error of a refused decision appears beside its button (announced and focused), not atop the page.
  async function decide(r, action, box, reasonInput) {
    message.hidden = true;
    box.hidden = true;
    const id = formatNumber(r.id, { useGrouping: false });
    if (!await confirmAction(t(action === 'approve' ? 'confirm.approve' : 'confirm.reject', { id }))) return;
    try {
      if (action === 'approve') await reservationAction(r.id, 'approve');
      else await rejectReservation(r.id, reasonInput.value);
      detail.replaceChildren(h('p', { className: 'notice', role: 'status' },
        t(action === 'approve' ? 'review.approvedNotice' : 'review.rejectedNotice')));
    } catch (error) {
      showActionError(box, error);
      return;
    }
    await load();
  }

  function open(r) {
    const mapBox = h('div', { className: 'review-map', id: 'review-map' });
    const reason = h('textarea', { id: 'review-reason', rows: 3 });
    const holdings = r.investorHoldings || {};
    const approveError = actionErrorBox('review-approve-error');
    const rejectError = actionErrorBox('review-reject-error');
    detail.replaceChildren(
      mapBox,
      h('p', {}, t('review.investor', { name: r.investorName, organisation: r.investorOrganisation || '—' })),
      h('p', {}, t('review.holdings', {
        open: formatNumber(holdings.openReservations || 0), allocations: formatNumber(holdings.allocations || 0),
      })),
      reservationCard(r),
      h('div', { className: 'card-actions' },
        h('button', { type: 'button', className: 'button button-primary approve-button',
          onclick: () => decide(r, 'approve', approveError) }, t('review.approve'))),
      approveError,
      h('div', { className: 'field' }, h('label', { htmlFor: 'review-reason' }, t('review.reason')), reason),
      h('button', { type: 'button', className: 'button reject-button', onclick: () => decide(r, 'reject', rejectError, reason) },
        t('review.reject')),
      rejectError);
    showMap(mapBox, r).catch((error) => {
      message.textContent = errorMessage(error);
      message.hidden = false;
    });
  }

  async function load() {
    try {
      const { reservations } = await getReservations({ status: 'SUBMITTED' });
      list.replaceChildren(...(reservations.length ? reservations.map((r) => {
        const item = h('button', { type: 'button', className: 'queue-item', dataset: { id: r.id }, onclick: () => open(r) },
          t('review.queueItem', { id: formatNumber(r.id, { useGrouping: false }), estate: localName(r.estateName, r.estateNameFa) || r.estate,
            plots: (r.parcels || []).map((p) => p.plotNumber).join(', ') }));
        return item;
      }) : [h('p', { className: 'empty-state' }, t('review.empty'))]));
    } catch (error) {
      message.textContent = errorMessage(error);
      message.hidden = false;
    }
  }
  await load();
}
