// The local run's demo sign-in: sets the demo cookie, then opens the admin page.
import { callApi, ApiError } from './elements/api.js';

const form = /** @type {HTMLFormElement} */ (document.getElementById('sign-in'));
const status = document.getElementById('status');

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const data = new FormData(form);
  try {
    await callApi('../api/v1', 'demo/sign-in', {
      method: 'POST',
      body: { tenant: data.get('tenant'), user: data.get('user'), admin: data.get('admin') === 'on' },
    });
    window.location.assign('admin.html');
  } catch (e) {
    status.textContent = e instanceof ApiError && e.status === 404
      ? 'The demo sign-in is switched off on this server.'
      : e instanceof ApiError ? e.humanMessage : String(e);
  }
});
