// The watch page: shots jump the player to their offset; render progress arrives live over server-sent events.
(function () {
  'use strict';
  var player = document.getElementById('player');

  document.querySelectorAll('.shot').forEach(function (link) {
    link.addEventListener('click', function (event) {
      event.preventDefault();
      if (player) {
        player.currentTime = parseFloat(link.dataset.offset);
        player.play();
      }
    });
  });

  // No inline handlers anywhere (the Content-Security-Policy allows no inline script): behaviour lives here.
  document.querySelectorAll('[data-select-on-click]').forEach(function (field) {
    field.addEventListener('click', function () {
      field.select();
    });
  });

  var deleteForm = document.getElementById('delete-form');
  if (deleteForm) {
    deleteForm.addEventListener('submit', function (event) {
      if (!window.confirm(deleteForm.dataset.confirm)) {
        event.preventDefault();
      }
    });
  }

  var panel = document.getElementById('render-progress');
  if (!panel || !window.EventSource) {
    return;
  }
  var bar = document.getElementById('progress-bar');
  bar.style.width = (bar.dataset.percent || 0) + '%';
  var percent = document.getElementById('progress-percent');
  var stage = document.getElementById('progress-stage');
  var eta = document.getElementById('progress-eta');
  var failure = document.getElementById('progress-failure');

  function show(progress) {
    panel.classList.remove('hidden');
    panel.dataset.status = progress.status;
    bar.style.width = progress.percent + '%';
    panel.querySelector('.progress').setAttribute('aria-valuenow', progress.percent);
    percent.textContent = progress.percent + ' %';
    stage.textContent = progress.stage;
    eta.textContent = progress.etaSeconds != null ? 'about ' + wait(progress.etaSeconds) + ' left' : '';
    failure.classList.toggle('hidden', progress.status !== 'FAILED');
    failure.textContent = progress.failure || '';
  }

  function wait(seconds) {
    return seconds < 60 ? seconds + ' s' : Math.round(seconds / 60) + ' min';
  }

  var events = new EventSource('/progress?montage=' + encodeURIComponent(panel.dataset.montage)
    + '&since=' + panel.dataset.since);
  events.addEventListener('progress', function (event) {
    var progress = JSON.parse(event.data);
    show(progress);
    if (progress.status === 'READY') {
      stage.textContent = 'The new film is ready';
      // Someone watching the old cut is not interrupted; they get a link instead.
      if (!player || player.paused) {
        setTimeout(function () { window.location.reload(); }, 800);
      } else {
        eta.innerHTML = '<a href="">Watch it now</a>';
      }
    }
  });
})();
