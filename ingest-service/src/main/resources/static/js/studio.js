// Montazz studio: preview the camera, queue for the floor, record a shot when it is your turn and send it chunk by
// chunk. A chunk is sent only after the previous one was acknowledged (stored in Kafka and MongoDB); unacknowledged
// chunks are kept in IndexedDB, so a dropped connection or a reload re-sends them (the server stores re-sends once).
(function () {
  'use strict';

  const root = document.getElementById('studio');
  const montage = root.dataset.montage;
  const csrf = { header: root.dataset.csrfHeader, token: root.dataset.csrfToken };
  const maxShotSeconds = Number(root.dataset.maxShot);
  const base = '/studio/montages/' + encodeURIComponent(montage);
  const $ = (id) => document.getElementById(id);
  const SLICE_MS = 1000;
  const HEADER_BYTES = 1024;   // a WebM header with its tracks is a few hundred bytes

  let stream = null;
  let recorder = null;
  let turn = null;          // { fence, takeId, nextSequence } while we hold the floor
  let pump = Promise.resolve();
  let sent = 0;
  let shotStartedAt = null;
  let tick = null;
  let lastView = null;
  let endedFence = null;    // the turn this page ended last (finished, or lost)

  // ---- unacknowledged chunks, kept across reloads -------------------------------------------------------------
  const pending = (function () {
    let db = null;
    const open = () => db || (db = new Promise((resolve, reject) => {
      const request = indexedDB.open('montazz-studio', 1);
      request.onupgradeneeded = () => request.result.createObjectStore('chunks', { keyPath: 'key' });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    }));
    const run = (mode, work) => open().then((database) => new Promise((resolve, reject) => {
      const tx = database.transaction('chunks', mode);
      const result = work(tx.objectStore('chunks'));
      tx.oncomplete = () => resolve(result && result.result);
      tx.onerror = () => reject(tx.error);
    }));
    return {
      put: (chunk) => run('readwrite', (store) => store.put(chunk)),
      remove: (key) => run('readwrite', (store) => store.delete(key)),
      all: () => run('readonly', (store) => store.getAll()).then((chunks) => (chunks || [])
        .filter((c) => c.montage === montage).sort((a, b) => a.sequence - b.sequence)),
    };
  })();

  // ---- telling the person their turn has come, even with the tab in the background --------------------------------
  const notices = (function () {
    const title = document.title;
    const montageTitle = root.dataset.title || 'your montage';
    let audio = null;
    const supported = () => 'Notification' in window;
    return {
      // Called from a click (Join): browsers allow sound and the permission question only after a gesture.
      prepare() {
        try {
          audio = audio || new (window.AudioContext || window.webkitAudioContext)();
          audio.resume();
        } catch (e) {
          audio = null;
        }
        if (supported() && Notification.permission === 'default') {
          Notification.requestPermission().then(() => notices.explain()).catch(() => {});
        }
      },
      explain() {
        const allowed = supported() && Notification.permission === 'granted';
        $('notice-hint').textContent = allowed
          ? 'We will notify you, play a sound and change this tab\'s title when your turn comes.'
          : 'Keep this tab open: we will play a sound and change its title when your turn comes.';
      },
      waiting(place) {
        document.title = (place === 1 ? '(You are next) ' : '(' + place + ' in line) ') + title;
      },
      yourTurn(seconds) {
        document.title = '● Your turn! ' + title;
        beep();
        if (supported() && Notification.permission === 'granted' && document.visibilityState !== 'visible') {
          try {
            const shown = new Notification('Your turn in ' + montageTitle, {
              body: 'Recording starts in ' + seconds + ' s. Come back to the studio.', tag: 'montazz-turn-' + montage,
            });
            shown.onclick = () => {
              window.focus();
              shown.close();
            };
          } catch (e) {
            // Some browsers allow notifications only from a service worker: the title and the sound still tell.
          }
        }
      },
      onAir() {
        document.title = '● On air ' + title;
      },
      done() {
        document.title = title;
      },
    };

    // A short, soft two-tone chime; recording starts seconds later, so the microphone does not keep it.
    function beep() {
      if (!audio) {
        return;
      }
      const now = audio.currentTime;
      [880, 1320].forEach((frequency, i) => {
        const tone = audio.createOscillator();
        const gain = audio.createGain();
        tone.frequency.value = frequency;
        gain.gain.setValueAtTime(0.0001, now + i * 0.18);
        gain.gain.exponentialRampToValueAtTime(0.2, now + i * 0.18 + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.18 + 0.25);
        tone.connect(gain).connect(audio.destination);
        tone.start(now + i * 0.18);
        tone.stop(now + i * 0.18 + 0.3);
      });
    }
  })();

  // ---- the shot on air, live, while it is not ours ------------------------------------------------------------------
  // The shared live player (live-player.js, from the web theme), muted: the person waiting may be next to their
  // microphone. While this page is on air it does not watch (nor count as watching) its own shot.
  const live = MontazzLive.player({
    video: $('live'),
    url: base + '/live',
    accept: () => !turn,
    onTake: (take) => {
      $('live-name').textContent = '· ' + take.contributor;
      $('live').hidden = false;
      $('live-badge').hidden = false;
    },
    onEnded: () => {
      $('live').hidden = true;
      $('live-badge').hidden = true;
    },
    onViewers: (count) => {
      $('live-viewers').textContent = count;
    },
  });

  // ---- talking to ingest-service ----------------------------------------------------------------------------------
  function request(method, path, body, extraHeaders) {
    const headers = Object.assign({ 'Accept': 'application/json' }, extraHeaders || {});
    headers[csrf.header] = csrf.token;
    return fetch(base + path, { method: method, headers: headers, body: body, credentials: 'same-origin' })
      .then((response) => response.text().then((text) => {
        const json = text ? JSON.parse(text) : null;
        if (!response.ok) {
          const error = new Error((json && json.detail) || ('HTTP ' + response.status));
          error.status = response.status;
          error.problem = json;
          throw error;
        }
        return json;
      }));
  }

  function status(text, isError) {
    $('status').textContent = text;
    $('status').classList.toggle('error', !!isError);
  }

  // ---- camera and microphone --------------------------------------------------------------------------------------
  async function startCamera() {
    const camera = $('camera').value;
    const microphone = $('microphone').value;
    if (stream) {
      stream.getTracks().forEach((track) => track.stop());
    }
    stream = await navigator.mediaDevices.getUserMedia({
      video: camera ? { deviceId: { exact: camera } } : { width: 640, height: 480 },
      audio: microphone ? { deviceId: { exact: microphone } } : true,
    });
    $('preview').srcObject = stream;
    await listDevices();
  }

  async function listDevices() {
    const devices = await navigator.mediaDevices.enumerateDevices();
    fill($('camera'), devices.filter((d) => d.kind === 'videoinput'), 'Camera');
    fill($('microphone'), devices.filter((d) => d.kind === 'audioinput'), 'Microphone');
  }

  function fill(select, devices, fallback) {
    const current = select.value;
    select.innerHTML = '';
    devices.forEach((device, i) => {
      const option = document.createElement('option');
      option.value = device.deviceId;
      option.textContent = device.label || (fallback + ' ' + (i + 1));
      select.appendChild(option);
    });
    if (current) {
      select.value = current;
    }
  }

  // Chrome and Firefox record WebM; Safari only MP4 (the server tells them apart by their first bytes).
  function recorderType() {
    const types = ['video/webm;codecs=vp8,opus', 'video/webm', 'video/mp4'];
    return types.find((type) => window.MediaRecorder && MediaRecorder.isTypeSupported(type)) || '';
  }

  // ---- the floor ---------------------------------------------------------------------------------------------------
  function render(view) {
    lastView = view;
    $('holder').textContent = view.onAir || 'nobody';
    const queue = $('queue');
    queue.innerHTML = '';
    view.queue.forEach((name) => {
      const item = document.createElement('li');
      item.textContent = name;
      queue.appendChild(item);
    });
    $('queue-empty').hidden = view.queue.length > 0;
    const waiting = view.place !== null && view.place > 0;
    $('your-place').textContent = waiting
      ? 'You are number ' + view.place + ' in the queue, about ' + minutes(view.estimatedWaitSeconds) + ' to wait.'
      : '';
    $('join').hidden = view.place !== null;
    $('leave').hidden = !waiting;
    if (waiting && !recorder) {
      status('Waiting for your turn…');
      notices.waiting(view.place);
    } else if (view.place === null && !turn) {
      notices.done();
    }
    // A view sent before our finish reached the server still shows us on air in the turn we just ended: that turn
    // is over on this page, so only a newer turn (or a reload, where nothing ended here) begins one.
    if (view.youAreOnAir && !turn && view.fence !== endedFence) {
      beginTurn(view);
    } else if (!view.youAreOnAir && turn && recorder) {
      lostTurn('Your turn has passed on.');
    }
  }

  function minutes(seconds) {
    return seconds < 60 ? seconds + ' s' : Math.round(seconds / 60) + ' min';
  }

  function watchFloor() {
    const events = new EventSource(base + '/floor/events');
    events.addEventListener('floor', (event) => render(JSON.parse(event.data)));
    // EventSource reconnects by itself; meanwhile ask once, so the page is never stale for long.
    events.onerror = () => request('GET', '/floor').then(render).catch(() => {});
  }

  async function beginTurn(view) {
    live.pause();
    turn = { fence: view.fence, takeId: view.takeId || crypto.randomUUID(), nextSequence: view.nextSequence || 0 };
    const leftOver = await pending.all();
    for (const stale of leftOver.filter((chunk) => chunk.fence !== view.fence)) {
      await pending.remove(stale.key);   // from an earlier turn: the floor refuses them now
    }
    if (view.takeId || leftOver.some((chunk) => chunk.fence === view.fence)) {
      // A reload during our turn: the recorder that made this take is gone and a new one would start a new file, so
      // send what was recorded but not yet acknowledged, keep the shot as it is and end the turn.
      status('Sending the rest of your shot…');
      await drain();
      await finishTurn('Your shot so far is kept. Join the queue again to record another.');
      return;
    }
    notices.yourTurn(view.countdownSeconds || 3);
    await countdown(view.countdownSeconds || 3);
    startRecording();
  }

  function countdown(seconds) {
    const box = $('countdown');
    box.hidden = false;
    status('Your turn! Recording starts in a moment.');
    return new Promise((resolve) => {
      let left = seconds;
      box.textContent = left;
      const timer = setInterval(() => {
        left -= 1;
        box.textContent = left;
        if (left <= 0) {
          clearInterval(timer);
          box.hidden = true;
          resolve();
        }
      }, 1000);
    });
  }

  function startRecording() {
    const type = recorderType();
    // A keyframe every second (Chrome puts one only every few seconds unless asked), so anyone watching live can
    // start from the latest one within about a second.
    const options = { videoBitsPerSecond: 1000000, videoKeyFrameIntervalDuration: SLICE_MS };
    recorder = new MediaRecorder(stream, type ? Object.assign({ mimeType: type }, options) : options);
    let sequence = turn.nextSequence;
    const first = sequence;
    let head = [];
    recorder.ondataavailable = (event) => {
      // stop() makes the recorder inactive before it hands over the final piece: that one is the last.
      const last = recorder.state === 'inactive';
      if (event.data.size === 0 && !last) {
        return;
      }
      let blob = event.data;
      if (sequence === first) {
        // The first chunk must carry the file's header whole (the server tells WebM from MP4 by it, live viewers
        // start from it), but a busy Chrome can hand over the first byte alone: hold the first pieces until they
        // make up a header's worth.
        head.push(blob);
        blob = new Blob(head, { type: blob.type });
        if (blob.size < HEADER_BYTES && !last) {
          return;
        }
        head = [];
      }
      const chunk = { key: turn.takeId + ':' + sequence, montage: montage, takeId: turn.takeId, fence: turn.fence,
        sequence: sequence, last: last, capturedAt: Date.now(), blob: blob };
      sequence += 1;
      const kept = blob.size > 0 ? pending.put(chunk) : Promise.resolve();
      if (last) {
        // Whatever the last piece holds, the turn ends once every chunk before it was acknowledged.
        recorder = null;
        kept.then(drain).then(finishTurn);
      } else {
        kept.then(drain);
      }
    };
    try {
      recorder.start(SLICE_MS);
    } catch (error) {
      // The camera or microphone went away (unplugged, permission withdrawn): give the turn back at once rather
      // than hold it silently until the lease runs out.
      recorder = null;
      finishTurn('Your camera or microphone stopped. Check them, reload and join again.');
      return;
    }
    shotStartedAt = Date.now();
    $('on-air').hidden = false;
    $('finish').hidden = false;
    $('join').hidden = true;
    status('You are on air.');
    notices.onAir();
    tick = setInterval(updateTimer, 250);
  }

  function updateTimer() {
    const seconds = (Date.now() - shotStartedAt) / 1000;
    $('elapsed').textContent = Math.floor(seconds / 60) + ':' + String(Math.floor(seconds % 60)).padStart(2, '0');
    $('shot-progress').style.width = Math.min(100, 100 * seconds / maxShotSeconds) + '%';
    if (seconds >= maxShotSeconds) {
      stopRecording();
    }
  }

  function stopRecording() {
    clearInterval(tick);
    $('finish').hidden = true;
    $('on-air').hidden = true;
    if (recorder && recorder.state !== 'inactive') {
      status('Sending the end of your shot…');
      recorder.stop();
    }
  }

  // Sends unacknowledged chunks one at a time, in order; retries what failed for a passing reason. Calls queue up
  // behind each other, so the promise a caller gets settles only when everything pending so far was sent.
  function drain() {
    pump = pump.then(sendPending, sendPending);
    return pump;
  }

  async function sendPending() {
    let backoff = 250;
    for (;;) {
      const chunks = await pending.all();
      if (chunks.length === 0 || !turn) {
        return;
      }
      const chunk = chunks[0];
      try {
        await request('PUT', '/takes/' + encodeURIComponent(chunk.takeId) + '/chunks/' + chunk.sequence
          + '?fence=' + chunk.fence + '&last=' + chunk.last, chunk.blob,
          { 'Content-Type': chunk.blob.type || 'application/octet-stream', 'X-Captured-At': chunk.capturedAt });
        await pending.remove(chunk.key);
        sent += 1;
        $('sent').textContent = sent;
        if (backoff > 250) {
          status('Back on air: everything recorded meanwhile is being sent.');
        }
        backoff = 250;
      } catch (error) {
        // Refusals that sending again cannot change end the shot with the reason; anything else (a timeout, 408,
        // 429, 503, a lost connection) is passing, and the chunk is sent again.
        if ([400, 403, 404, 409, 413, 415, 507].includes(error.status)) {
          await pending.remove(chunk.key);
          status(error.message, true);
          if (error.status === 409 && turn && recorder) {
            lostTurn(error.message);
          }
        } else {
          // A passing fault (the platform restarting, a lost connection): the turn is kept for the lease after the
          // platform is back, so retry soon and often, never waiting more than two seconds.
          status('Reconnecting… your shot is kept and will be sent as soon as Montazz answers again.', true);
          await new Promise((resolve) => setTimeout(resolve, backoff));
          backoff = Math.min(backoff * 2, 2000);
        }
      }
    }
  }

  async function finishTurn(message) {
    if (!turn) {
      return;
    }
    const fence = turn.fence;
    endedFence = fence;
    turn = null;
    try {
      render(await request('POST', '/floor/finish?fence=' + fence));
      status(typeof message === 'string' ? message : 'Your shot is in the montage. Thank you!');
      notices.done();
      live.watch();
    } catch (error) {
      status(error.message, true);
    }
  }

  function lostTurn(reason) {
    clearInterval(tick);
    if (recorder && recorder.state !== 'inactive') {
      recorder.ondataavailable = null;
      recorder.stop();
    }
    recorder = null;
    endedFence = turn ? turn.fence : endedFence;
    turn = null;
    $('on-air').hidden = true;
    $('finish').hidden = true;
    status(reason + ' What was sent is in the montage.', true);
    notices.done();
    live.watch();
  }

  // ---- buttons -----------------------------------------------------------------------------------------------------
  $('join').addEventListener('click', () => {
    notices.prepare();
    notices.explain();
  });
  $('join').addEventListener('click', () => request('POST', '/floor/join').then(render)
    .catch((error) => status(error.message, true)));
  $('leave').addEventListener('click', () => request('POST', '/floor/leave').then(render)
    .catch((error) => status(error.message, true)));
  $('finish').addEventListener('click', stopRecording);
  $('camera').addEventListener('change', startCamera);
  $('microphone').addEventListener('change', startCamera);
  window.addEventListener('online', drain);

  startCamera()
    .then(() => status('Camera ready. Join the queue when you are.'))
    .catch((error) => status('No camera: ' + error.message + '. Allow camera access and reload.', true))
    .then(watchFloor)
    .then(live.watch);
})();
