// The organiser pages' only script (served by Ura; the Content-Security-Policy allows
// no other). It does two things the server cannot: it refreshes the live part of an
// event's page every few seconds, and it posts a chosen invite list as the raw
// request body (Ura reads no multipart forms). Everything it shows is HTML rendered
// and escaped by the server.
'use strict';

const REFRESH_MS = 5000;

function startLive(main) {
  const target = document.getElementById('live');
  if (!target) return { refresh: async () => undefined };
  let stopped = false;
  async function refresh() {
    if (stopped) return;
    try {
      const response = await fetch(main.dataset.live, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
      // Signed out or refused: stop asking; the next page load shows why.
      if (response.status === 401 || response.status === 403) stopped = true;
      else if (response.ok) target.innerHTML = await response.text();
    } catch {
      // The venue's network dropped: the next round tries again.
    }
  }
  setInterval(() => {
    if (!document.hidden) void refresh();
  }, REFRESH_MS);
  return { refresh };
}

function startUpload(main, live) {
  const form = document.getElementById('invite-upload');
  const result = document.getElementById('upload-result');
  if (!form || !result) return;
  const button = form.querySelector('button[type=submit]');
  const label = button.textContent;
  const say = (text, kind) => {
    const line = document.createElement('p');
    line.className = kind;
    line.textContent = text;
    result.replaceChildren(line);
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = form.elements.file.files[0];
    if (!file) return;
    const skip = form.elements.skipInvalid.checked;
    button.disabled = true;
    button.textContent = button.dataset.sending;
    try {
      const response = await fetch(form.action + (skip ? '?skipInvalid=true' : ''), {
        method: 'POST',
        credentials: 'same-origin',
        headers: {
          'Content-Type': file.type || 'application/octet-stream',
          'X-File-Name': encodeURIComponent(file.name),
          'X-CSRF-Token': main.dataset.csrf,
        },
        body: file,
      });
      if ([200, 400, 413].includes(response.status)) result.innerHTML = await response.text();
      else say(button.dataset.failed, 'problem');
      if (response.ok) form.reset();
      await live.refresh();
    } catch {
      say(button.dataset.failed, 'problem');
    } finally {
      button.disabled = false;
      button.textContent = label;
    }
  });
}

document.addEventListener('DOMContentLoaded', () => {
  const main = document.querySelector('main[data-live]');
  if (!main) return;
  startUpload(main, startLive(main));
});
