// Reads every frame the page's live player shows (requestVideoFrameCallback): its colour at the centre and, from the
// time a clock camera (clock-camera.js) wrote into it, how long ago it was captured. Results in window.montazzFrames.
(() => {
  const BLOCK = 12;
  const frames = window.montazzFrames = { shown: [], first: null, delivered: [] };
  // How long after capture each live media event arrived (the chunk's capture time is when the recorder handed it
  // over): the part of the delay that is the platform's, apart from recording and playing.
  const Source = window.EventSource;
  window.EventSource = class extends Source {
    constructor(url, options) {
      super(url, options);
      this.addEventListener('media', (event) => {
        if (frames.delivered.length < 20000) {
          frames.delivered.push(Date.now() - JSON.parse(event.data).capturedAt);
        }
      });
    }
  };
  function watch(video) {
    const canvas = document.createElement('canvas');
    canvas.width = 320;
    canvas.height = 240;
    const pen = canvas.getContext('2d', { willReadFrequently: true });

    const onFrame = () => {
      const shownAt = Date.now();
      if (video.videoWidth > 0 && !video.closest('[hidden]')) {
        pen.drawImage(video, 0, 0, canvas.width, canvas.height);
        const row = pen.getImageData(0, 14, canvas.width, 1).data;
        const bits = [];
        for (let i = 0; i < 26; i++) {
          const x = 4 + i * BLOCK + BLOCK / 2;
          bits.push((row[x * 4] + row[x * 4 + 1] + row[x * 4 + 2]) / 3 > 128 ? 1 : 0);
        }
        let delay = null;
        if (bits[0] === 1 && bits[25] === 0) {
          const captured = bits.slice(1, 25).reduce((value, bit) => value * 2 + bit, 0);
          delay = ((shownAt % 16777216) - captured + 16777216) % 16777216;
          if (delay > 60000) {
            delay = null;   // misread: the blocks did not survive the encoder
          }
        }
        const centre = pen.getImageData(canvas.width / 2, canvas.height / 2, 1, 1).data;
        if (frames.first === null) {
          frames.first = shownAt;
        }
        if (frames.shown.length < 20000) {
          frames.shown.push({ at: shownAt, delay: delay, bits: bits.join(''), rgb: [centre[0], centre[1], centre[2]],
            contributor: video.dataset.contributor || null });
        }
      }
      pending = video.requestVideoFrameCallback(onFrame);
    };
    let pending = video.requestVideoFrameCallback(onFrame);
    // A new source (the next take) may drop what was asked of the old one: ask again whenever it plays.
    video.addEventListener('playing', () => {
      video.cancelVideoFrameCallback(pending);
      pending = video.requestVideoFrameCallback(onFrame);
    });
  }
  document.addEventListener('DOMContentLoaded', () => {
    const video = document.getElementById('live');
    if (video && video.requestVideoFrameCallback) {
      watch(video);
    }
  });
})();
