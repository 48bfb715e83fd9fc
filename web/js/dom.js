// A tiny element builder for views that build their DOM in script:
// h('p', { className: 'x', dataset: { id: 1 }, i18n: 'some.key', on: { click } }, 'text', child).
// Text given through `i18n` (data-i18n) is re-translated by applyTranslations() on a language change.

/**
 * Creates `tag` with attributes and children. Attributes: `i18n` → data-i18n, `dataset`, `on` (an object of
 * event handlers) or `onclick`-style functions, DOM properties by name, anything else as an attribute.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'i18n') el.dataset.i18n = value;
    else if (name === 'dataset') Object.assign(el.dataset, value);
    else if (name === 'on') for (const [event, fn] of Object.entries(value)) el.addEventListener(event, fn);
    else if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (name in el && name !== 'list') el[name] = value;
    else el.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/**
 * `text` as a DOM node for Leaflet's tooltips and popups, which would parse a string as HTML: a plot number or a
 * name is always shown as the characters it is, never as markup.
 */
export function textNode(text) {
  const span = document.createElement('span');
  span.textContent = text === null || text === undefined ? '' : String(text);
  return span;
}

/** A random Idempotency-Key for one submission of a form. */
export function newKey() {
  if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
  return String(Date.now()) + '-' + Math.random().toString(16).slice(2);
}

/**
 * Replaces `el`'s children with `children` (arrays flattened), leaving out null, undefined and false:
 * Element.replaceChildren would print a missing part as the text "null".
 */
export function fill(el, ...children) {
  el.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
  return el;
}
