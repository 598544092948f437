// Orrery's page API, version 1: run in every page before its own scripts.
// A panel registers with orrery.onFrame(fn); each frame the host calls fn(values, names), where
// values is a Float64Array (the same length as names) and names an array of strings that changes
// only when the host describes new values. Errors thrown by a handler, and uncaught errors, go to
// the console as errors, which the host shows in the panel with the plugin's name.
// Handlers run in an animation frame, not when the values arrive: Servo updates the rendering
// straight after an animation frame, but after a change made outside one only on a timer (20 ms
// after its last update), which alone would put every panel update past a 60 Hz frame.
(function () {
  'use strict';
  if (window.orrery) {
    return;
  }
  var handlers = [];
  var names = [];
  var frames = 0;
  // The newest values not yet handed to the handlers; newer ones replace older ones.
  var pending = null;
  function runHandlers() {
    var values = pending;
    pending = null;
    frames++;
    for (var i = 0; i < handlers.length; i++) {
      try {
        handlers[i](values, names);
      } catch (error) {
        report('orrery.onFrame handler threw: ', error);
      }
    }
    console.info('\u0001orrery:frame');
  }
  function report(prefix, error) {
    var text = error && error.stack ? String(error) + '\n' + error.stack : String(error);
    console.error(prefix + text);
  }
  // Tells the host that this document has loaded, in order with its other messages (Servo's own
  // load progress and URL changes come by other routes, in no fixed order).
  window.addEventListener('load', function () {
    console.info('\u0001orrery:loaded ' + location.href);
  });
  window.addEventListener('error', function (event) {
    console.error('uncaught: ' + event.message + ' (' + event.filename + ':' + event.lineno + ')');
  });
  window.addEventListener('unhandledrejection', function (event) {
    report('unhandled rejection: ', event.reason);
  });
  var api = {
    version: 1,
    onFrame: function (handler) {
      if (typeof handler !== 'function') {
        throw new TypeError('orrery.onFrame needs a function');
      }
      handlers.push(handler);
    },
    get names() {
      return names.slice();
    },
    // Frames the handlers have had so far.
    get frames() {
      return frames;
    },
    // Called by the host, not by pages.
    _describe: function (newNames) {
      names = Object.freeze(newNames.slice());
    },
    _frame: function (values) {
      if (pending === null) {
        requestAnimationFrame(runHandlers);
      }
      pending = values;
    }
  };
  Object.defineProperty(window, 'orrery', { value: Object.freeze(api), enumerable: true });
})();
