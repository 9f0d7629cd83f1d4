// Shows who is signed in (and offers the demo sign-in in the local run).
import { callApi, ApiError } from './elements/api.js';

const who = document.getElementById('who');

async function showWho() {
  try {
    const { body } = await callApi('../api/v1', 'me');
    who.textContent = `${body.userId} · tenant ${body.tenantId}${body.admin ? ' · administrator' : ''}`;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      who.textContent = 'Not signed in. ';
      const link = document.createElement('a');
      link.href = 'demo-sign-in.html';
      link.textContent = 'Sign in';
      who.append(link);
    } else {
      who.textContent = e instanceof ApiError ? e.humanMessage : String(e);
    }
  }
}

showWho();
