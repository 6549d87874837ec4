/* Query normalisation and tokens for the site search: the browser twin of
 * pipeline/outputs/search.py (normalize, bigrams, fnv1a).  Both must cut text the same
 * way or searches silently miss; tests/browser/test_search_page.py compares them
 * on every field of the site.  Offsets count code points, as Python does. */
(function (root) {
  'use strict';
  var SEPARATOR = '\u001f';
  // JavaScript's \s, control characters and zero-width characters are dropped.
  var DROPPED = /[\s\u0000-\u001f\u007f-\u009f\u200b\u200c\u200d\u2060]/;

  function foldChar(ch) {
    var out = [];
    Array.from(ch.normalize('NFKC').toLowerCase()).forEach(function (c) {
      if (!DROPPED.test(c)) { out.push(c); }
    });
    return out;
  }

  /* Normalised code points, with the index of the source code point each came from. */
  function normalizeWithMap(text) {
    var chars = [], from = [];
    Array.from(text).forEach(function (ch, index) {
      foldChar(ch).forEach(function (c) { chars.push(c); from.push(index); });
    });
    return { chars: chars, from: from };
  }

  function normalize(text) { return normalizeWithMap(text).chars.join(''); }

  function fieldString(values) { return values.map(normalize).join(SEPARATOR); }

  function bigrams(field) {
    var chars = Array.from(field), out = [];
    for (var i = 0; i + 1 < chars.length; i++) {
      if (chars[i] !== SEPARATOR && chars[i + 1] !== SEPARATOR) { out.push([chars[i] + chars[i + 1], i]); }
    }
    return out;
  }

  function fnv1a(token) {
    var h = 0x811c9dc5;
    Array.from(token).forEach(function (ch) {
      h = Math.imul(h ^ ch.codePointAt(0), 0x01000193) >>> 0;
    });
    return h;
  }

  function shardOf(token, shards) { return fnv1a(token) % shards; }

  /* The query's terms: split on whitespace, normalised, empty and repeated ones dropped. */
  function queryTerms(query) {
    var seen = {}, terms = [];
    String(query || '').split(/\s+/).forEach(function (part) {
      var term = normalize(part);
      if (term && !seen[term]) { seen[term] = true; terms.push(term); }
    });
    return terms;
  }

  /* Bigrams that cover every character of a term, with their offsets in it:
   * enough to check a match exactly, and about half the shards of all bigrams. */
  function coveringBigrams(term) {
    var chars = Array.from(term), out = [], last = chars.length - 2, k;
    for (k = 0; k <= last; k += 2) { out.push([chars[k] + chars[k + 1], k]); }
    if (last > 0 && last % 2 === 1) { out.push([chars[last] + chars[last + 1], last]); }
    return out;
  }

  root.SearchTokens = {
    SEPARATOR: SEPARATOR, normalize: normalize, normalizeWithMap: normalizeWithMap, fieldString: fieldString,
    bigrams: bigrams, fnv1a: fnv1a, shardOf: shardOf, queryTerms: queryTerms, coveringBigrams: coveringBigrams
  };
}(window));
