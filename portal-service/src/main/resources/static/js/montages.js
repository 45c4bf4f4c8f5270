// The list of montages: cards of montages being rendered show a live progress bar; a finished render reloads the page
// so its new thumbnail and length appear.
(function () {
  'use strict';
  // No inline handlers anywhere (the Content-Security-Policy allows no inline script): behaviour lives here.
  document.querySelectorAll('[data-submit-on-change]').forEach(function (field) {
    field.addEventListener('change', function () {
      field.form.submit();
    });
  });

  var cards = document.querySelectorAll('.card[data-montage]');
  if (!cards.length || !window.EventSource) {
    return;
  }
  var byId = {};
  var query = [];
  cards.forEach(function (card) {
    byId[card.dataset.montage] = card;
    query.push('montage=' + encodeURIComponent(card.dataset.montage));
  });
  query.push('since=' + document.querySelector('.grid').dataset.since);
  var events = new EventSource('/progress?' + query.join('&'));
  events.addEventListener('progress', function (event) {
    var progress = JSON.parse(event.data);
    var card = byId[progress.montageId];
    if (!card) {
      return;
    }
    var badge = card.querySelector('.badge');
    var bar = card.querySelector('.progress');
    badge.textContent = progress.status === 'QUEUED' ? 'RENDERING' : progress.status;
    badge.className = 'badge ' + badge.textContent;
    bar.classList.toggle('hidden', progress.status === 'READY' || progress.status === 'FAILED');
    bar.querySelector('.bar').style.width = progress.percent + '%';
    var text = card.querySelector('.progress-text');
    text.textContent = progress.status === 'RENDERING' || progress.status === 'QUEUED'
      ? progress.percent + ' % · ' + progress.stage
        + (progress.etaSeconds != null ? ' · about ' + progress.etaSeconds + ' s left' : '')
      : (progress.status === 'FAILED' ? progress.failure : '');
    if (progress.status === 'READY') {
      setTimeout(function () { window.location.reload(); }, 800);
    }
  });
})();
