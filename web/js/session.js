// Who is signed in (from GET /api/me), shared by the header navigation and the views.
import { getMe, login, logout, register } from './api.js';

let user = null;
const listeners = new Set();

function set(next) {
  user = next;
  for (const fn of listeners) fn(user);
}

/** The signed-in user ({id, email, name, role, estates, csrfToken}) or null. */
export const currentUser = () => user;

/** Calls `fn(user)` whenever someone signs in or out. */
export function onSessionChange(fn) {
  listeners.add(fn);
}

export async function refreshSession() {
  set(await getMe());
  return user;
}

export async function signIn(email, password) {
  set(await login(email, password));
  return user;
}

/**
 * Signs up. No one is signed in: a new account signs in only after its address is confirmed through the link the
 * service mails to it (#/confirm).
 */
export async function signUp(fields) {
  await register(fields);
}

export async function signOut() {
  await logout();
  set(null);
}
