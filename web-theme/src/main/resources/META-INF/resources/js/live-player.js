// The live player every page with a live montage uses (the studio, the watch page). Media Source Extensions fed from
// the montage's live stream (server-sent events): a take's initialisation segment, then its bytes as they are
// recorded; someone arriving mid-shot is sent the bytes from the latest keyframe on. When the floor passes, the next
// take arrives with its own initialisation segment and the player starts afresh on it.
window.MontazzLive = (function () {
  'use strict';

  const bytes = (base64) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));

  function supported(mimeType) {
    const Source = window.ManagedMediaSource || window.MediaSource;
    return !!Source && Source.isTypeSupported(mimeType);
  }

  // options: video (a <video>), url (the live stream), and callbacks, each optional: accept(take) says whether to show
  // a take now, onTake(take) once it shows, onEnded() when it ends, onViewers(count).
  function player(options) {
    const video = options.video;
    const accept = options.accept || (() => true);
    let take = null;
    let midway = false;
    let buffer = null;
    let queue = [];
    let events = null;

    function pump() {
      if (!buffer || buffer.updating || queue.length === 0) {
        return;
      }
      try {
        buffer.appendBuffer(queue.shift());
      } catch (e) {
        queue = [];   // the buffer is full or gone: the next take starts afresh
      }
    }

    // Stay at the live edge. Each chunk brings about a second of picture at once, so just after one arrives the
    // player is a chunk behind; it plays a little faster until it is near the edge again (smoother than jumping),
    // and jumps only when far behind (a stalled network, a tab in the background).
    function keepUp() {
      if (video.buffered.length === 0) {
        return;
      }
      const start = video.buffered.start(0);
      const end = video.buffered.end(video.buffered.length - 1);
      const behind = end - video.currentTime;
      // Joining mid-shot, the bytes start at the latest keyframe, up to a second or two back: start near the edge.
      const joining = midway && behind > 0.6;
      midway = false;
      if (video.currentTime < start || behind > 2 || joining) {
        video.currentTime = Math.max(start, end - 0.3);
      }
      video.playbackRate = behind > 0.5 ? 1.25 : 1;
      if (video.paused) {
        video.play().catch(() => {});
      }
    }
    setInterval(() => {
      if (take !== null) {
        keepUp();
      }
    }, 200);

    function begin(next) {
      if (!supported(next.mimeType) || !accept(next)) {
        return;
      }
      take = next.takeId;
      midway = !!next.midway;
      queue = [bytes(next.init)];
      buffer = null;
      // Safari on iOS has only ManagedMediaSource, which streams only with remote playback off.
      const Source = window.ManagedMediaSource || window.MediaSource;
      const source = new Source();
      if (window.ManagedMediaSource && source instanceof window.ManagedMediaSource) {
        video.disableRemotePlayback = true;
      }
      video.src = URL.createObjectURL(source);
      source.addEventListener('sourceopen', () => {
        buffer = source.addSourceBuffer(next.mimeType);
        buffer.mode = 'sequence';
        buffer.addEventListener('updateend', () => {
          keepUp();
          pump();
        });
        pump();
      }, { once: true });
      video.dataset.take = next.takeId;
      video.dataset.contributor = next.contributor;
      if (options.onTake) {
        options.onTake(next);
      }
    }

    function stop() {
      const was = take;
      take = null;
      buffer = null;
      queue = [];
      delete video.dataset.take;
      video.removeAttribute('src');
      video.load();
      if (was && options.onEnded) {
        options.onEnded();
      }
    }

    return {
      watch() {
        if (events || !window.EventSource) {
          return;
        }
        events = new EventSource(options.url);
        events.addEventListener('take', (event) => begin(JSON.parse(event.data)));
        events.addEventListener('media', (event) => {
          const media = JSON.parse(event.data);
          if (media.takeId === take) {
            queue.push(bytes(media.data));
            pump();
          }
        });
        events.addEventListener('ended', (event) => {
          if (JSON.parse(event.data).takeId === take) {
            stop();
          }
        });
        events.addEventListener('viewers', (event) => {
          if (options.onViewers) {
            options.onViewers(JSON.parse(event.data).count);
          }
        });
      },
      // Stops showing what is on air and stops watching (no longer counted among the viewers).
      pause() {
        stop();
        if (events) {
          events.close();
          events = null;
        }
      },
      showing() {
        return take !== null;
      },
    };
  }

  return { player: player, supported: supported };
})();
