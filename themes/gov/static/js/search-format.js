/* Reading the search index's files: the browser twin of pipeline/outputs/postings.py,
 * which describes the format (gzip streams of LEB128 varints, delta-coded postings). */
(function (root) {
  'use strict';

  /* The bytes of a fetched index file: inflated when they are a gzip stream (a host that
   * sent them with Content-Encoding: gzip has inflated them already). */
  function inflate(buffer) {
    var bytes = new Uint8Array(buffer);
    if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) { return Promise.resolve(bytes); }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Response(stream).arrayBuffer().then(function (b) { return new Uint8Array(b); });
  }

  /* A cursor over varints. */
  function Reader(bytes, at) { this.bytes = bytes; this.at = at || 0; }
  Reader.prototype.next = function () {
    var value = 0, scale = 1, b;
    do {
      b = this.bytes[this.at++];
      value += (b & 0x7f) * scale;
      scale *= 128;
    } while (b & 0x80);
    return value;
  };

  var utf8 = new TextDecoder('utf-8');

  /* A shard: token → where its columns start (decoded when a query asks for the token). */
  function Shard(bytes) {
    var r = new Reader(bytes), count = r.next();
    this.bytes = bytes;
    this.tokens = new Map();
    for (var i = 0; i < count; i++) {
      var length = r.next();
      var token = utf8.decode(bytes.subarray(r.at, r.at + length));
      r.at += length;
      var entries = r.next(), offsets = r.next();
      this.tokens.set(token, { at: r.at, entries: entries, offsets: offsets });
      for (var k = 2 * entries + offsets; k > 0; k--) { r.next(); }
    }
  }

  /* A token's columns: document steps, codes and offsets (none in a character shard). */
  Shard.prototype.columns = function (token) {
    var place = this.tokens.get(token);
    if (!place) { return { docs: [], codes: [], offsets: [] }; }
    var r = new Reader(this.bytes, place.at);
    function take(n) { var out = new Array(n); for (var i = 0; i < n; i++) { out[i] = r.next(); } return out; }
    var docs = take(place.entries), codes = take(place.entries);
    return { docs: docs, codes: codes, offsets: take(place.offsets) };
  };

  /* Bigram postings of a token: document number → field name → Set of offsets. */
  Shard.prototype.positions = function (token, fields) {
    var c = this.columns(token), byDoc = new Map(), doc = 0, at = 0;
    for (var i = 0; i < c.docs.length; i++) {
      doc += c.docs[i];
      var field = fields[c.codes[i] % fields.length], count = Math.floor(c.codes[i] / fields.length) + 1;
      var offsets = new Set(), offset = 0;
      for (var k = 0; k < count; k++) { offset += c.offsets[at++]; offsets.add(offset); }
      if (!byDoc.has(doc)) { byDoc.set(doc, {}); }
      byDoc.get(doc)[field] = offsets;
    }
    return byDoc;
  };

  /* Character postings of a token: document number → Set of field names. */
  Shard.prototype.fieldsOf = function (token, fields) {
    var c = this.columns(token), byDoc = new Map(), doc = 0;
    for (var i = 0; i < c.docs.length; i++) {
      doc += c.docs[i];
      var names = new Set(), mask = c.codes[i];
      fields.forEach(function (name, f) { if (mask & (1 << f)) { names.add(name); } });
      byDoc.set(doc, names);
    }
    return byDoc;
  };

  /* A filter list: the document numbers it keeps. */
  function numbers(bytes) {
    var r = new Reader(bytes), count = r.next(), out = [], n = 0;
    for (var i = 0; i < count; i++) { n += r.next(); out.push(n); }
    return out;
  }

  root.SearchFormat = { inflate: inflate, Shard: Shard, numbers: numbers };
}(window));
