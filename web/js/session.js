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

/** Signs up, then signs in with the same address and password (sign-up itself opens no session). */
export async function signUp(fields) {
  await register(fields);
  return signIn(fields.email, fields.password);
}

export async function signOut() {
  await logout();
  set(null);
}
