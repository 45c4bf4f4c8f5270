// Montazz file upload (music, or a shot from a video file): the file goes in parts of 1 MB, each sent only after the
// one before was stored (the same path as recorded takes). A part that fails for a passing reason (network, 503, 429)
// is sent again; a reload or a new try with the same file resumes after the last part stored. The last part names the
// file, and its answer says whether the whole was what the page asked for. The page tells what it uploads in data-*
// attributes of the element with data-upload: where to (music or files), and what to say while it checks and after.
(function () {
  'use strict';

  const root = document.querySelector('[data-upload]');
  const csrf = { header: root.dataset.csrfHeader, token: root.dataset.csrfToken };
  const maxBytes = Number(root.dataset.maxBytes);
  const kind = root.dataset.upload;
  const base = '/studio/montages/' + encodeURIComponent(root.dataset.montage) + '/' + kind + '/';
  const PART = 1024 * 1024;
  const TRIES = 6;
  const $ = (id) => document.getElementById(id);

  function status(text, isError) {
    $('upload-status').textContent = text;
    $('upload-status').classList.toggle('error', !!isError);
  }

  function progress(fraction) {
    const percent = Math.round(fraction * 100);
    $('upload-progress').hidden = false;
    $('upload-bar').style.width = percent + '%';
    $('upload-progress').setAttribute('aria-valuenow', String(percent));
  }

  // Where an upload of this very file stands, kept across reloads of this tab.
  function memoryKey(file) {
    return 'montazz-' + kind + ':' + root.dataset.montage + ':' + file.name + ':' + file.size + ':' + file.lastModified;
  }

  function newId() {
    return (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(16).slice(2))
      .replace(/[^A-Za-z0-9_-]/g, '');
  }

  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  async function sendPart(id, sequence, blob, last, name) {
    let url = base + id + '/chunks/' + sequence + '?last=' + last;
    if (last) {
      url += '&name=' + encodeURIComponent(name);
    }
    for (let attempt = 1; ; attempt++) {
      let response;
      try {
        const headers = { 'Accept': 'application/json', 'Content-Type': 'application/octet-stream' };
        headers[csrf.header] = csrf.token;
        response = await fetch(url, { method: 'PUT', headers: headers, body: blob, credentials: 'same-origin' });
      } catch (network) {
        if (attempt >= TRIES) {
          throw new Error('The connection dropped. Pick the same file again to go on from where it stopped.');
        }
        await sleep(500 * attempt);
        continue;
      }
      if (response.ok) {
        return;
      }
      const problem = await response.json().catch(() => null);
      const passing = response.status === 503 || response.status === 429 || response.status === 408;
      if (passing && attempt < TRIES) {
        await sleep(Number(response.headers.get('Retry-After') || 1) * 1000 * attempt);
        continue;
      }
      const error = new Error((problem && problem.detail) || ('The upload failed (HTTP ' + response.status + ')'));
      error.final = !passing;
      throw error;
    }
  }

  async function upload(file) {
    if (file.size === 0) {
      throw Object.assign(new Error('This file is empty.'), { final: true });
    }
    if (file.size > maxBytes) {
      throw Object.assign(new Error('This file is larger than ' + Math.round(maxBytes / 1048576)
        + ' MB: choose a smaller one.'), { final: true });
    }
    const key = memoryKey(file);
    const saved = JSON.parse(sessionStorage.getItem(key) || 'null');
    const id = saved ? saved.id : newId();
    const parts = Math.ceil(file.size / PART);
    let sequence = saved ? saved.next : 0;
    if (sequence > 0) {
      status('Going on from where the last try stopped…');
    }
    for (; sequence < parts; sequence++) {
      const last = sequence === parts - 1;
      if (!last) {
        status('Uploading ' + file.name + '…');
      } else {
        status(root.dataset.checking);
      }
      progress(sequence / parts);
      await sendPart(id, sequence, file.slice(sequence * PART, (sequence + 1) * PART), last, file.name);
      sessionStorage.setItem(key, JSON.stringify({ id: id, next: sequence + 1 }));
    }
    progress(1);
    sessionStorage.removeItem(key);
  }

  $('upload-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = $('upload-file').files[0];
    if (!file) {
      status(root.dataset.choose, true);
      $('upload-file').focus();
      return;
    }
    $('upload').disabled = true;
    try {
      await upload(file);
      status(root.dataset.done);
      setTimeout(() => { window.location.href = root.dataset.back; }, 1200);
    } catch (error) {
      if (error.final) {
        sessionStorage.removeItem(memoryKey(file));
      }
      status(error.message, true);
      $('upload').disabled = false;
    }
  });
})();
