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

  // ---- the shot on air, live -----------------------------------------------------------------------------------
  // While someone records, the page shows their shot live in place of the film (or the waiting card), and the next
  // person's when the floor passes; someone in the middle of watching the film is offered it instead of having the
  // film taken away. Without Media Source Extensions the on-air notice stays, as before.
  var liveStage = document.getElementById('live-stage');
  var newFilmReady = false;
  // The page reloads itself to show a new film; it comes back where the person was (scrolled to, and the button they
  // last pressed focused, so someone editing with the keyboard carries on).
  var RESTORE = 'montazz.watch.restore';
  // Focuses a control by id; a shot moved to an end has that arrow disabled, so its other arrow takes the focus.
  var focusControl = function (id, scroll) {
    var control = id && document.getElementById(id);
    if (control && control.disabled) {
      var other = id.indexOf('later-') === 0 ? 'earlier-' + id.slice(6)
        : id.indexOf('earlier-') === 0 ? 'later-' + id.slice(8) : null;
      control = other && document.getElementById(other);
    }
    if (control && !control.disabled) {
      control.focus({ preventScroll: !scroll });
    }
  };
  var showNewFilm = function () {
    setTimeout(function () {
      try {
        sessionStorage.setItem(RESTORE, JSON.stringify({ path: location.pathname, scroll: window.scrollY,
          focus: document.activeElement && document.activeElement.id }));
        // Without its fragment: going to one would take the focus away again.
        history.replaceState(history.state, '', location.pathname + location.search);
      } catch (e) { /* storage off: the page just starts at the top */ }
      window.location.reload();
    }, 800);
  };
  try {
    var restore = JSON.parse(sessionStorage.getItem(RESTORE) || 'null');
    sessionStorage.removeItem(RESTORE);
    if (restore && restore.path === location.pathname) {
      window.scrollTo(0, restore.scroll || 0);
      focusControl(restore.focus);
    }
  } catch (e) { /* nothing to restore */ }
  if (liveStage && window.MontazzLive) {
    var film = document.getElementById('film');
    var liveVideo = document.getElementById('live');
    var onAir = document.getElementById('on-air');
    var watchLive = document.getElementById('watch-live');
    var sound = document.getElementById('live-sound');
    var showLive = function () {
      if (player && !player.paused) {
        player.pause();
      }
      film.hidden = true;
      liveStage.hidden = false;
      onAir.hidden = true;
    };
    var live = MontazzLive.player({
      video: liveVideo,
      url: liveStage.dataset.live,
      onTake: function (take) {
        document.getElementById('live-name').textContent = '· ' + take.contributor;
        document.getElementById('on-air-name').textContent = take.contributor;
        if (!liveStage.hidden || !player || player.paused) {
          showLive();
        } else {
          onAir.hidden = false;
          watchLive.hidden = false;
        }
      },
      onEnded: function () {
        liveStage.hidden = true;
        film.hidden = false;
        onAir.hidden = true;
        if (newFilmReady) {
          showNewFilm();
        }
      },
      onViewers: function (count) {
        document.getElementById('live-viewers').textContent = count;
      },
    });
    watchLive.addEventListener('click', showLive);
    // Browsers start a video with sound only after a gesture: live starts muted, one press turns the sound on.
    sound.addEventListener('click', function () {
      liveVideo.muted = !liveVideo.muted;
      sound.setAttribute('aria-pressed', String(!liveVideo.muted));
      sound.textContent = liveVideo.muted ? 'Sound on' : 'Sound off';
    });
    live.watch();
  }

  // ---- the owner's editor ----------------------------------------------------------------------------------------
  // Each shot's arrows and buttons are plain forms (keyboard and no script alike). Dragging is pointer events, so it
  // works with a mouse, a pen and a finger (from the grip, so a finger still scrolls the page elsewhere); the new order
  // is sent at once and the page comes back with the film being made again.
  var editor = document.getElementById('editor');
  if (editor) {
    if (editor.dataset.focus) {
      focusControl(editor.dataset.focus, true);
    }
    var list = document.getElementById('cut');
    var dragged = null;
    var target = null;
    var after = false;
    var startY = 0;
    var clearMarks = function () {
      list.querySelectorAll('.drop-before, .drop-after').forEach(function (item) {
        item.classList.remove('drop-before', 'drop-after');
      });
    };
    list.addEventListener('dragstart', function (event) {
      event.preventDefault();   // no native dragging of the stills: pointer events do it
    });
    list.addEventListener('pointerdown', function (event) {
      var item = event.target.closest('.cut-shot');
      if (!item || event.button !== 0 || event.target.closest('form, button, details')
          || (event.pointerType === 'touch' && !event.target.closest('.grip'))) {
        return;
      }
      dragged = item;
      target = null;
      startY = event.clientY;
      item.setPointerCapture(event.pointerId);
    });
    list.addEventListener('pointermove', function (event) {
      if (!dragged) {
        return;
      }
      if (!dragged.classList.contains('dragging')) {
        if (Math.abs(event.clientY - startY) < 6) {
          return;
        }
        dragged.classList.add('dragging');
      }
      event.preventDefault();
      clearMarks();
      var under = document.elementFromPoint(event.clientX, event.clientY);
      var item = under && under.closest('#cut .cut-shot');
      target = item && item !== dragged ? item : null;
      if (target) {
        var box = target.getBoundingClientRect();
        after = event.clientY > box.top + box.height / 2;
        target.classList.add(after ? 'drop-after' : 'drop-before');
      }
    });
    var endDrag = function () {
      if (!dragged) {
        return;
      }
      var moved = dragged.classList.contains('dragging') && target;
      dragged.classList.remove('dragging');
      clearMarks();
      if (moved) {
        list.insertBefore(dragged, after ? target.nextSibling : target);
        var order = Array.prototype.map.call(list.querySelectorAll('.cut-shot'), function (item) {
          return item.dataset.shot;
        });
        document.getElementById('shot-order-value').value = order.join(',');
        editor.classList.add('saving');
        document.getElementById('shot-order').submit();
      }
      dragged = null;
      target = null;
    };
    list.addEventListener('pointerup', endDrag);

    // Trimming: moving either slider shows that frame of the whole take (a scrubber), the two never cross (at least
    // half a second kept), and a strip of the take's frames is drawn once the panel first opens.
    editor.querySelectorAll('details.trim').forEach(function (panel) {
      var video = panel.querySelector('video');
      var strip = panel.querySelector('.filmstrip');
      var start = panel.querySelector('.trim-start');
      var end = panel.querySelector('.trim-end');
      var shortest = 0.5;
      var show = function (input) {
        input.previousElementSibling.querySelector('output').textContent = parseFloat(input.value).toFixed(1);
      };
      var seek = function (seconds) {
        return new Promise(function (resolve) {
          var done = function () {
            video.removeEventListener('seeked', done);
            resolve();
          };
          video.addEventListener('seeked', done);
          video.currentTime = seconds;
        });
      };
      var drawStrip = function () {
        var frames = 8;
        var length = parseFloat(end.max);
        var chain = Promise.resolve();
        for (var i = 0; i < frames; i++) {
          (function (at) {
            chain = chain.then(function () { return seek(at); }).then(function () {
              var canvas = document.createElement('canvas');
              canvas.width = 96;
              canvas.height = 54;
              canvas.getContext('2d').drawImage(video, 0, 0, canvas.width, canvas.height);
              strip.appendChild(canvas);
            });
          })(length * (i + 0.5) / frames);
        }
        return chain.then(function () { return seek(parseFloat(start.value)); });
      };
      panel.addEventListener('toggle', function () {
        if (!panel.open || video.dataset.ready) {
          return;
        }
        video.dataset.ready = 'loading';
        video.preload = 'auto';
        video.addEventListener('loadeddata', function () {
          drawStrip().then(function () { video.dataset.ready = 'yes'; });
        }, { once: true });
        video.load();
      });
      [start, end].forEach(function (input) {
        input.addEventListener('input', function () {
          var from = parseFloat(start.value);
          var to = parseFloat(end.value);
          if (to - from < shortest) {
            if (input === start) {
              start.value = Math.max(0, to - shortest);
            } else {
              end.value = Math.min(parseFloat(end.max), from + shortest);
            }
          }
          show(start);
          show(end);
          if (video.readyState >= 1) {
            video.currentTime = parseFloat(input.value);
          }
        });
      });
    });
    list.addEventListener('pointercancel', function () {
      target = null;
      endDrag();
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
      // Someone watching the old cut or a shot live is not interrupted; they get a link instead (and the new film
      // once the live shot ends).
      newFilmReady = true;
      if ((!player || player.paused) && (!liveStage || liveStage.hidden)) {
        showNewFilm();
      } else {
        eta.innerHTML = '<a href="">Watch it now</a>';
      }
    }
  });
})();

// The music's level: the number beside the slider follows it.
(function () {
  'use strict';
  var slider = document.getElementById('music-level');
  if (!slider) {
    return;
  }
  var value = document.getElementById('music-level-value');
  slider.addEventListener('input', function () {
    value.textContent = slider.value + ' dB';
  });
})();
