/* Highlight the lines of the original text an issue comes from.
   Issue pages link here as notices/<id>/?hl=351-361#L351: without JavaScript the
   anchor scrolls to the first line (highlighted by :target); with it, the whole range is marked. */
(function () {
  var match = /[?&]hl=(\d+)-(\d+)/.exec(window.location.search);
  if (!match) { return; }
  var first = parseInt(match[1], 10), last = parseInt(match[2], 10);
  if (!(first > 0) || last < first || last - first > 2000) { return; }
  for (var n = first; n <= last; n += 1) {
    var line = document.getElementById('L' + n);
    if (line) { line.classList.add('hl'); }
  }
})();
