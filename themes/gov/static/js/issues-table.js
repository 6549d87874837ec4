/* Filters and sorting for the all-issues table (progressive enhancement; the table works without it). */
(function () {
  'use strict';
  var table = document.getElementById('issues-table');
  var form = document.getElementById('issue-filters');
  var count = document.getElementById('result-count');
  if (!table || !form || !count) { return; }
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var total = rows.length;
  var fields = ['region', 'notice', 'unit', 'status', 'year'];
  var statusOrder = {};
  Array.prototype.forEach.call(form.elements.status.options, function (o, i) { statusOrder[o.value] = i; });

  function value(name) { return form.elements[name].value; }

  function selected(name) {
    var select = form.elements[name];
    return select.options[select.selectedIndex];
  }

  // Whether a row (its data-* attributes) is selected by one choice of one filter; the empty choice selects all.
  function choiceMatches(name, d, option) {
    var v = option ? option.value : '';
    if (!v) { return true; }
    if (name === 'region') { return (' ' + (option.getAttribute('data-regions') || v) + ' ').indexOf(' ' + d.region + ' ') >= 0; }
    if (name === 'unit') { return (' ' + d.units + ' ').indexOf(' ' + v + ' ') >= 0; }
    if (name === 'year') { return v === 'none' ? d.year === '' : d.year === v; }
    return d[name] === v;
  }

  function passes(d, except) {
    return fields.every(function (name) { return name === except || choiceMatches(name, d, selected(name)); });
  }

  // Facet counts: each choice shows how many rows it would select with the other filters as they are;
  // a choice that would select none is disabled (the built page has the counts of the unfiltered table).
  function recount() {
    fields.forEach(function (name) {
      var options = Array.prototype.slice.call(form.elements[name].options, 1);
      var counts = options.map(function () { return 0; });
      rows.forEach(function (row) {
        if (!passes(row.dataset, name)) { return; }
        options.forEach(function (option, i) { if (choiceMatches(name, row.dataset, option)) { counts[i] += 1; } });
      });
      options.forEach(function (option, i) {
        option.textContent = option.getAttribute('data-name') + '（' + counts[i] + '）';
        option.disabled = counts[i] === 0 && !option.selected;
      });
    });
  }

  function apply(fromUser) {
    var shown = 0;
    rows.forEach(function (row) {
      var ok = passes(row.dataset, null);
      row.hidden = !ok;
      if (ok) { shown += 1; }
    });
    recount();
    count.textContent = shown === total ? '共 ' + total + ' 项' :
      (shown ? '筛选出 ' + shown + ' 项（共 ' + total + ' 项）' : '没有符合条件的事项（共 ' + total + ' 项），请放宽筛选条件');
    if (fromUser && window.history && history.replaceState) {
      var params = [];
      fields.forEach(function (name) {
        if (value(name)) { params.push(name + '=' + encodeURIComponent(value(name))); }
      });
      history.replaceState(null, '', location.pathname + (params.length ? '?' + params.join('&') : ''));
    }
  }

  // Restore filters from the address (?status=overdue&year=2020), keeping only values the lists offer.
  var restored = false;
  location.search.replace(/^\?/, '').split('&').forEach(function (pair) {
    var parts = pair.split('=');
    var name = decodeURIComponent(parts[0] || '');
    if (fields.indexOf(name) < 0) { return; }
    var wanted = decodeURIComponent((parts[1] || '').replace(/\+/g, ' '));
    var select = form.elements[name];
    for (var i = 0; i < select.options.length; i += 1) {
      if (select.options[i].value === wanted) { select.selectedIndex = i; restored = restored || i > 0; }
    }
  });

  form.addEventListener('change', function () { apply(true); });
  form.addEventListener('submit', function (event) { event.preventDefault(); apply(true); });
  form.addEventListener('reset', function () { window.setTimeout(function () { apply(true); }, 0); });
  count.setAttribute('aria-live', 'polite');
  if (restored) { apply(false); } // the table as built shows every row: no work at load unless a filter came with the address

  // Sorting: a button in each header; aria-sort on the sorted column only.
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var collator = window.Intl && Intl.Collator ? new Intl.Collator('zh-Hans-CN', { numeric: true }) : null;

  function compareText(a, b) { return collator ? collator.compare(a, b) : (a < b ? -1 : a > b ? 1 : 0); }

  function key(row, kind, index) {
    var d = row.dataset;
    if (kind === 'order') { return Number(d.order); }
    if (kind === 'deadline') { return d.deadline; }
    if (kind === 'status') { return statusOrder[d.status] || 0; }
    return row.cells[index].textContent.trim();
  }

  function sortBy(th, index) {
    var kind = th.getAttribute('data-sort');
    var descending = th.getAttribute('aria-sort') === 'ascending';
    headers.forEach(function (h) { h.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
    var sign = descending ? -1 : 1;
    var sorted = rows.slice().sort(function (ra, rb) {
      var a = key(ra, kind, index), b = key(rb, kind, index);
      if (kind === 'deadline' && (a === '' || b === '')) {
        if (a === b) { return Number(ra.dataset.order) - Number(rb.dataset.order); }
        return a === '' ? 1 : -1; // undated deadlines always last
      }
      var c = typeof a === 'number' ? a - b : compareText(a, b);
      return c ? sign * c : Number(ra.dataset.order) - Number(rb.dataset.order);
    });
    var fragment = document.createDocumentFragment();
    sorted.forEach(function (row) { fragment.appendChild(row); });
    tbody.appendChild(fragment);
  }

  // The buttons are in the page already (hidden without JavaScript): only their clicks are wired here.
  headers.forEach(function (th, index) {
    var button = th.querySelector('button');
    if (button) { button.addEventListener('click', function () { sortBy(th, index); }); }
  });
}());
