// Estate names by code, for pages whose answers carry only the code (idle cases, vacant blocks): people read
// "Talesh Industrial Estate", not GIL-TALESH. Loaded once from the public estate list.
import { getEstateSummary } from './api.js';
import { localName } from './labels.js';

let loading = null;
const byCode = new Map();

/** Loads the estate names (once); resolves when they are known, never rejects (a code is shown instead). */
export function loadEstateNames() {
  if (!loading) {
    loading = getEstateSummary().then((collection) => {
      for (const f of collection.features || []) {
        const p = f.properties || {};
        byCode.set(p.code || f.id, p);
      }
    }).catch(() => { loading = null; });
  }
  return loading || Promise.resolve();
}

/** The estate's name in the page's language, or its code while the names are unknown. */
export function estateName(code) {
  const e = byCode.get(code);
  return e ? localName(e.name, e.nameFa) || code : (code || '');
}
