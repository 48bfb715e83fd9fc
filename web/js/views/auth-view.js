// Sign in and sign up (new investors). Staff accounts are created with `./zamin user add`.
import { t } from '../i18n.js';
import { errorMessage } from '../labels.js';
import { h } from '../dom.js';
import { signIn, signUp } from '../session.js';

function field(id, labelKey, attrs) {
  return h('div', { className: 'field' },
    h('label', { htmlFor: id }, t(labelKey)),
    h('input', { id, name: id, ...attrs }));
}

/** Renders the sign-in and sign-up forms into `root`; `onDone(user)` after success. */
export function renderAuthView(root, { onDone }) {
  const signInError = h('p', { className: 'form-error', role: 'alert', hidden: true });
  const signUpError = h('p', { className: 'form-error', role: 'alert', hidden: true });
  const signUpDone = h('p', { className: 'notice', id: 'signup-check-mail', role: 'status', hidden: true },
    t('auth.checkMail'));
  const signInForm = h('form', { className: 'form', id: 'signin-form', novalidate: true },
    h('h2', {}, t('auth.signInTitle')),
    field('signin-email', 'auth.email', { type: 'email', autocomplete: 'username', required: true }),
    field('signin-password', 'auth.password', { type: 'password', autocomplete: 'current-password', required: true }),
    signInError,
    h('button', { type: 'submit', className: 'button button-primary' }, t('auth.signIn')));
  signInForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    signInError.hidden = true;
    try {
      onDone(await signIn(signInForm.querySelector('#signin-email').value, signInForm.querySelector('#signin-password').value));
    } catch (error) {
      signInError.textContent = errorMessage(error);
      signInError.hidden = false;
    }
  });
  const signUpForm = h('form', { className: 'form', id: 'signup-form', novalidate: true },
    h('h2', {}, t('auth.signUpTitle')),
    h('p', { className: 'hint' }, t('auth.signUpHint')),
    field('signup-name', 'auth.name', { type: 'text', autocomplete: 'name', required: true }),
    field('signup-organisation', 'auth.organisation', { type: 'text', autocomplete: 'organization' }),
    field('signup-email', 'auth.email', { type: 'email', autocomplete: 'username', required: true }),
    field('signup-password', 'auth.password', { type: 'password', autocomplete: 'new-password', required: true,
      minLength: 10 }),
    h('p', { className: 'hint' }, t('auth.passwordHint')),
    signUpError,
    signUpDone,
    h('button', { type: 'submit', className: 'button button-primary' }, t('auth.signUp')));
  signUpForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    signUpError.hidden = true;
    signUpDone.hidden = true;
    const value = (id) => signUpForm.querySelector('#' + id).value;
    try {
      await signUp({
        name: value('signup-name'), organisation: value('signup-organisation'),
        email: value('signup-email'), password: value('signup-password'),
      });
      signUpDone.hidden = false;
    } catch (error) {
      signUpError.textContent = errorMessage(error);
      signUpError.hidden = false;
    }
  });
  root.replaceChildren(h('div', { className: 'page-columns' }, signInForm, signUpForm));
}
