// The in-app inbox: the user's notifications (notices, replies, extension decisions), newest first; opening one
// marks it read and follows its link. The unread count is shown in the nav (see main.js).
import { getInbox, markNotificationRead } from '../api.js';
import { t, formatDate, formatDateTime, formatNumber, currentLanguage } from '../i18n.js';
import { errorMessage } from '../labels.js';
import { h } from '../dom.js';

const KIND_KEYS = {
  idle_notice: 'inbox.kindNotice',
  idle_revival_plan: 'inbox.kindRevivalPlan',
  idle_extended: 'inbox.kindExtended',
  idle_dismissed: 'inbox.kindDismissed',
  idle_reclaimed: 'inbox.kindReclaimed',
  idle_reply: 'inbox.kindReply',
  extension_requested: 'inbox.kindExtensionRequested',
  extension_granted: 'inbox.kindExtensionGranted',
  extension_refused: 'inbox.kindExtensionRefused',
  account_created: 'inbox.kindAccountCreated',
  signup_existing: 'inbox.kindSignupExisting',
};

/**
 * A keyed notification's parameters for the reader: a parameter `x` with a Persian form `xFa` (names) shows that
 * form in Persian; numbers in the reader's digits.
 */
function localParams(params) {
  const out = {};
  for (const [name, value] of Object.entries(params || {})) {
    if (name.endsWith('Fa') && Object.prototype.hasOwnProperty.call(params, name.slice(0, -2))) continue;
    const persian = params[name + 'Fa'];
    out[name] = currentLanguage() === 'fa' && persian ? persian
      : name.endsWith('On') && /^\d{4}-\d{2}-\d{2}$/.test(String(value)) ? formatDate(value, { dateStyle: 'medium', timeZone: 'UTC' })
        : typeof value === 'number' ? formatNumber(value, { useGrouping: false }) : value;
  }
  return out;
}

/** The notification's title and text in the reader's language (keyed) or as the server wrote them. */
function wording(n) {
  if (n.messageKey) {
    const params = localParams(n.params);
    return { title: t(n.messageKey + '.subject', params), subject: null, body: t(n.messageKey, params) };
  }
  return { title: KIND_KEYS[n.kind] ? t(KIND_KEYS[n.kind]) : n.subject, subject: n.subject, body: n.body };
}

/** Renders the inbox into `root`; `onChange(unread)` is told the unread count after every change. */
export async function renderInboxView(root, { onChange } = {}) {
  const message = h('p', { className: 'form-error', role: 'alert', hidden: true });
  const summary = h('p', { className: 'hint', id: 'inbox-summary' });
  const list = h('div', { className: 'card-list', id: 'inbox-list' });
  root.replaceChildren(h('h2', {}, t('inbox.title')), summary, message, list);

  async function read(n, follow) {
    try {
      if (!n.readAt) await markNotificationRead(n.id);
    } catch (error) {
      message.textContent = errorMessage(error);
      message.hidden = false;
      return;
    }
    if (follow && n.link) location.hash = n.link;
    else await load();
  }

  async function load() {
    try {
      const { notifications, unread } = await getInbox();
      summary.textContent = t('inbox.unreadCount', { count: formatNumber(unread) });
      if (onChange) onChange(unread);
      list.replaceChildren(...(notifications.length ? notifications.map((n) => [n, wording(n)]).map(([n, w]) => h('article', {
        className: 'card inbox-item' + (n.readAt ? '' : ' inbox-unread'), dataset: { id: n.id, kind: n.kind },
      },
      h('header', { className: 'card-header' },
        h('h3', {}, w.title),
        h('span', { className: 'hint' }, formatDateTime(n.createdAt))),
      w.subject ? h('p', { className: 'inbox-subject' }, w.subject) : null,
      w.body ? h('p', { className: 'inbox-body' }, w.body) : null,
      h('div', { className: 'card-actions' },
        n.link ? h('button', { type: 'button', className: 'button button-primary inbox-open', onclick: () => read(n, true) },
          t('inbox.open')) : null,
        n.readAt ? null : h('button', { type: 'button', className: 'button inbox-mark-read', onclick: () => read(n, false) },
          t('inbox.markRead')))))
        : [h('p', { className: 'empty-state' }, t('inbox.empty'))]));
    } catch (error) {
      message.textContent = errorMessage(error);
      message.hidden = false;
    }
  }
  await load();
}

/** The unread count for the nav badge (0 when it cannot be read). */
export async function unreadCount() {
  try {
    return (await getInbox()).unread || 0;
  } catch {
    return 0;
  }
}
