// A camera for measuring glass to glass (small, 320×240 at 15 frames a second, so that several browsers encoding and
// decoding it leave two cores to the platform): every frame is one colour with the time it was drawn written across its top
// (Date.now() in milliseconds, modulo 2^24, as 24 black or white blocks between a white and a black guard block), so
// whoever is shown the frame later can tell when it was captured. Replaces the camera for whatever page asks for one;
// the microphone stays the browser's own. Installed before the page's scripts run; COLOUR is set by the test.
(() => {
  const COLOUR = '__COLOUR__';
  const BLOCK = 12;
  const askBrowser = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  const canvas = document.createElement('canvas');
  canvas.width = 320;
  canvas.height = 240;
  const pen = canvas.getContext('2d');
  function draw() {
    pen.fillStyle = COLOUR;
    pen.fillRect(0, 0, canvas.width, canvas.height);
    const now = Date.now() % 16777216;
    const bits = [1];
    for (let i = 23; i >= 0; i--) {
      bits.push((now >> i) & 1);
    }
    bits.push(0);
    bits.forEach((bit, i) => {
      pen.fillStyle = bit ? '#ffffff' : '#000000';
      pen.fillRect(4 + i * BLOCK, 4, BLOCK, 20);
    });
  }
  let drawing = null;
  // Each chunk's round trip as the studio sees it (sent → acknowledged), for telling where the time goes.
  window.montazzUploads = [];
  const send = window.fetch.bind(window);
  window.fetch = (url, init) => {
    const started = Date.now();
    const chunk = /\/chunks\/(\d+)/.exec(String(url));
    return send(url, init).then((response) => {
      if (chunk) {
        window.montazzUploads.push({ sequence: Number(chunk[1]), at: started, ms: Date.now() - started,
          status: response.status });
      }
      return response;
    });
  };
  navigator.mediaDevices.getUserMedia = async (constraints) => {
    const stream = constraints.audio ? await askBrowser({ audio: constraints.audio }) : new MediaStream();
    if (constraints.video) {
      if (!drawing) {
        draw();
        drawing = setInterval(draw, 33);
      }
      canvas.captureStream(15).getVideoTracks().forEach((track) => stream.addTrack(track));
    }
    return stream;
  };
})();
