/* Filters and sorting for the all-issues table (progressive enhancement; every page works without it).
   The page shows one page of rows.  Once a visitor filters or sorts, the script loads the rows of every page
   (issues/rows/N.json, listed in the form's data-rows; site/rows.py writes them from the same rows as the
   pages), and filters, counts, sorts and pages all of them here; clearing the filters shows the page as built. */
(function () {
  'use strict';
  var table = document.getElementById('issues-table');
  var form = document.getElementById('issue-filters');
  var count = document.getElementById('result-count');
  var clientPager = document.getElementById('filter-pager');
  var listPager = document.getElementById('list-pager');
  if (!table || !form || !count || !clientPager) { return; }
  var tbody = table.tBodies[0];
  var builtRows = Array.prototype.slice.call(tbody.rows);
  var builtCount = count.textContent;
  var root = form.getAttribute('data-root') || '';
  var sources = (form.getAttribute('data-rows') || '').split(' ').filter(Boolean);
  var pageSize = Number(form.getAttribute('data-page-size')) || 200;
  var fields = ['region', 'notice', 'unit', 'status', 'year'];
  var statusOrder = {};
  Array.prototype.forEach.call(form.elements.status.options, function (o, i) { statusOrder[o.value] = i; });
  var all = null;        // every row of the list, in the site's order, once loaded
  var loading = null;
  var sort = null;       // {key, descending} once a header was clicked
  var shownPage = 1;
  var matching = [];

  // A long choice list (the units) ships inert in a <template> inside its select (issues_index.html): styling
  // thousands of options would hold up a phone at load.  It becomes the select's options at the form's first
  // use (focus, a tap, a filter from the address), before any choice is read or counted.
  function fillChoices() {
    Array.prototype.forEach.call(form.querySelectorAll('select > template'), function (template) {
      var select = template.parentNode;
      var chosen = select.value;
      select.removeChild(template);
      select.appendChild(template.content);
      select.value = chosen;
    });
  }

  function value(name) { return form.elements[name].value; }

  function selected(name) {
    var select = form.elements[name];
    return select.options[select.selectedIndex];
  }

  function load() {
    if (!loading) {
      loading = Promise.all(sources.map(function (url) {
        return fetch(root + url).then(function (response) {
          if (!response.ok) { throw new Error(url + ': ' + response.status); }
          return response.json();
        });
      })).then(function (parts) {
        all = [].concat.apply([], parts);
        all.forEach(function (row, i) { row.order = i + 1; row.unitList = ' ' + row.units.join(' ') + ' '; });
      });
    }
    return loading;
  }

  // Whether a row is selected by one choice of one filter; the empty choice selects all.
  function choiceMatches(name, row, option) {
    var v = option ? option.value : '';
    if (!v) { return true; }
    if (name === 'region') { return row.regions.indexOf(v) >= 0; } // the regions whose page lists it
    if (name === 'unit') { return row.unitList.indexOf(' ' + v + ' ') >= 0; }
    if (name === 'year') { return v === 'none' ? row.year === '' : row.year === v; }
    return row[name] === v;
  }

  function passes(row, except) {
    return fields.every(function (name) { return name === except || choiceMatches(name, row, selected(name)); });
  }

  // Facet counts: each choice shows how many rows of the whole list it would select with the other filters
  // as they are; a choice that would select none is disabled (the built page has the unfiltered counts).
  function recount() {
    fields.forEach(function (name) {
      var options = Array.prototype.slice.call(form.elements[name].options, 1);
      var counts = options.map(function () { return 0; });
      all.forEach(function (row) {
        if (!passes(row, name)) { return; }
        options.forEach(function (option, i) { if (choiceMatches(name, row, option)) { counts[i] += 1; } });
      });
      options.forEach(function (option, i) {
        option.textContent = option.getAttribute('data-name') + '（' + counts[i] + '）';
        option.disabled = counts[i] === 0 && !option.selected;
      });
    });
  }

  // Made at the first sort, not at load: a Chinese collator loads ICU's pinyin tables (main-thread work).
  var collator;
  function compareText(a, b) {
    if (collator === undefined) {
      collator = window.Intl && Intl.Collator ? new Intl.Collator('zh-Hans-CN', { numeric: true }) : null;
    }
    return collator ? collator.compare(a, b) : (a < b ? -1 : a > b ? 1 : 0);
  }

  function sortKey(row, key) {
    if (key === 'order') { return row.order; }
    if (key === 'status') { return statusOrder[row.status] || 0; }
    if (key === 'lead') { return row.lead.map(function (u) { return u.name; }).join('、'); }
    return row[key];
  }

  function sorted(rows) {
    if (!sort) { return rows; }
    var sign = sort.descending ? -1 : 1;
    return rows.slice().sort(function (ra, rb) {
      var a = sortKey(ra, sort.key), b = sortKey(rb, sort.key);
      if (sort.key === 'deadline' && (a === '' || b === '')) {
        if (a === b) { return ra.order - rb.order; }
        return a === '' ? 1 : -1; // undated deadlines always last
      }
      var c = typeof a === 'number' ? a - b : compareText(a, b);
      return c ? sign * c : ra.order - rb.order;
    });
  }

  function element(tag, attributes, text) {
    var el = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { el.setAttribute(name, attributes[name]); });
    if (text !== undefined) { el.textContent = text; }
    return el;
  }

  function link(url, text) { return element('a', { href: root + url }, text); }

  // One row as the page's template writes it (issues_index.html), from the row's data, with DOM calls only.
  function renderRow(row) {
    var tr = element('tr');
    tr.appendChild(element('td', { 'class': 'seq' }, row.seq));
    tr.appendChild(element('td', { 'class': 'c-title' })).appendChild(link(row.url, row.summary));
    var lead = tr.appendChild(element('td', { 'data-label': '牵头单位' }));
    row.lead.forEach(function (unit, i) {
      if (i) { lead.appendChild(document.createTextNode('、')); }
      lead.appendChild(link(unit.url, unit.name));
    });
    if (!row.lead.length) { lead.appendChild(element('span', { 'class': 'muted' }, '未写明')); }
    if (row.lead_is_responsible && row.lead.length) { lead.appendChild(element('span', { 'class': 'muted' }, '（责任单位）')); }
    tr.appendChild(element('td', { 'data-label': '整改时限' }, row.deadline_text));
    tr.appendChild(element('td', { 'data-label': '状态' })).appendChild(
      element('span', { 'class': 'st st-' + row.status }, row.status_label));
    tr.appendChild(element('td', { 'data-label': '通知' })).appendChild(link(row.notice_url, row.notice_short));
    tr.appendChild(element('td', { 'data-label': '地区' }, row.region_name));
    return tr;
  }

  function pagerButton(text, page, label) {
    var button = element('button', { type: 'button' }, text);
    if (label) { button.setAttribute('aria-label', label); }
    if (page === shownPage && label) { button.setAttribute('aria-current', 'page'); }
    button.disabled = page < 1 || page > pages() || (page === shownPage && !label);
    button.addEventListener('click', function () { show(page); table.scrollIntoView(); });
    return element('li').appendChild(button).parentNode;
  }

  function pages() { return Math.max(1, Math.ceil(matching.length / pageSize)); }

  // The filtered rows, one page of them, and a pager of their own when they fill more than a page.
  function show(page) {
    shownPage = page;
    var fragment = document.createDocumentFragment();
    matching.slice((page - 1) * pageSize, page * pageSize).forEach(function (row) { fragment.appendChild(renderRow(row)); });
    tbody.textContent = '';
    tbody.appendChild(fragment);
    clientPager.textContent = '';
    clientPager.hidden = pages() < 2;
    if (pages() < 2) { return; }
    var first = (page - 1) * pageSize + 1;
    clientPager.appendChild(element('p', {}, '第 ' + page + ' 页，共 ' + pages() + ' 页（第 ' + first + '–' +
      Math.min(page * pageSize, matching.length) + ' 项，共 ' + matching.length + ' 项）'));
    var list = clientPager.appendChild(element('ul'));
    list.appendChild(pagerButton('第一页', 1));
    list.appendChild(pagerButton('上一页', page - 1));
    for (var n = Math.max(1, page - 2); n <= Math.min(pages(), page + 2); n += 1) {
      list.appendChild(pagerButton(String(n), n, '第 ' + n + ' 页'));
    }
    list.appendChild(pagerButton('下一页', page + 1));
    list.appendChild(pagerButton('最后一页', pages()));
  }

  function filtering() { return fields.some(function (name) { return value(name); }); }

  // Back to the page as built: its own rows and its links to the other pages.
  function showBuilt() {
    tbody.textContent = '';
    builtRows.forEach(function (row) { tbody.appendChild(row); });
    clientPager.hidden = true;
    if (listPager) { listPager.hidden = false; }
    count.textContent = builtCount;
  }

  function apply(fromUser) {
    if (fromUser && window.history && history.replaceState) {
      var params = [];
      fields.forEach(function (name) {
        if (value(name)) { params.push(name + '=' + encodeURIComponent(value(name))); }
      });
      history.replaceState(null, '', location.pathname + (params.length ? '?' + params.join('&') : ''));
    }
    if (!all) { count.textContent = '正在载入全部事项……'; }
    fillChoices();
    load().then(function () {
      recount();
      if (!filtering() && !sort) { showBuilt(); return; }
      matching = sorted(all.filter(function (row) { return passes(row, null); }));
      var shown = matching.length, total = all.length;
      count.textContent = shown === total ? '共 ' + total + ' 项' :
        (shown ? '筛选出 ' + shown + ' 项（共 ' + total + ' 项）' : '没有符合条件的事项（共 ' + total + ' 项），请放宽筛选条件');
      if (listPager) { listPager.hidden = true; }
      show(1);
    }, function () {
      count.textContent = '未能载入全部事项，筛选暂不可用；可使用上方“分类浏览”的链接或下方的页码。';
    });
  }

  // Restore filters from the address (?status=overdue&year=2020), keeping only values the lists offer.
  var restored = false;
  if (location.search) { fillChoices(); }
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

  form.addEventListener('focusin', fillChoices);
  form.addEventListener('pointerdown', fillChoices);
  form.addEventListener('change', function () { apply(true); });
  form.addEventListener('submit', function (event) { event.preventDefault(); apply(true); });
  form.addEventListener('reset', function () { window.setTimeout(function () { apply(true); }, 0); });
  count.setAttribute('aria-live', 'polite');
  if (restored) { apply(false); } // the page as built needs no work at load unless a filter came with the address

  // Sorting: a button in each header sorts the whole list (all pages); aria-sort on the sorted column only.
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  headers.forEach(function (th) {
    var button = th.querySelector('button');
    if (!button) { return; }
    button.addEventListener('click', function () {
      var descending = th.getAttribute('aria-sort') === 'ascending';
      headers.forEach(function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
      sort = { key: th.getAttribute('data-sort'), descending: descending };
      apply(false);
    });
  });
}());
