(function () {
  'use strict';
  // Rows: [severity, state, rule, doi, person, name, source, expected, observed, message, id,
  // note, diff]; rule, doi, person and name are indexes into the data's tables. Text is only
  // ever set with textContent: nothing from the data is parsed as markup.
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var PAGE = 100;
  var STATE_ORDER = {'regressed': 0, 'open': 1, 'pending-correction': 2, 'acknowledged': 3};
  var rows = data.rows;
  var body = document.getElementById('findings-body');
  var count = document.getElementById('f-count');
  var pageLabel = document.getElementById('f-page');
  var prev = document.getElementById('f-prev');
  var next = document.getElementById('f-next');
  var controls = ['severity', 'rule', 'state', 'person', 'publisher', 'text'].map(function (name) {
    return document.getElementById('f-' + name);
  });
  var sortKey = 'severity';
  var descending = true;
  var page = 0;
  var shown = [];

  function value(id) { return document.getElementById(id).value; }
  function haystack(row) {
    if (row.hay === undefined) {
      row.hay = [data.rules[row[2]], data.dois[row[3]], data.titles[row[3]],
        row[5] >= 0 ? data.names[row[5]] : '', row[4] >= 0 ? data.people[row[4]] : '',
        row[6], row[7], row[8], row[9], row[10], row[11]].join('\n').toLowerCase();
    }
    return row.hay;
  }
  function keep(row, f) {
    return row[0] >= f.severity &&
      (!f.rule || data.rules[row[2]] === f.rule) &&
      (!f.state || data.states[row[1]] === f.state) &&
      (!f.person || (row[4] >= 0 && data.people[row[4]] === f.person)) &&
      (!f.publisher || data.publishers[row[3]] === f.publisher) &&
      (!f.text || haystack(row).indexOf(f.text) !== -1);
  }
  function key(row) {
    switch (sortKey) {
      case 'state': return [STATE_ORDER[data.states[row[1]]], -row[0]];
      case 'rule': return [data.rules[row[2]], -row[0]];
      case 'article': return [data.dois[row[3]], -row[0]];
      case 'person': return [row[5] >= 0 ? data.names[row[5]] : '\uffff', -row[0]];
      case 'source': return [row[6], -row[0]];
      case 'id': return [row[10], 0];
      default: return [row[0], STATE_ORDER[data.states[row[1]]]];
    }
  }
  function compare(a, b) {
    var ka = key(a), kb = key(b);
    for (var i = 0; i < ka.length; i += 1) {
      if (ka[i] < kb[i]) { return descending && i === 0 ? 1 : -1; }
      if (ka[i] > kb[i]) { return descending && i === 0 ? -1 : 1; }
    }
    return a.order - b.order;
  }
  function cell(tr, label, text, className) {
    var td = document.createElement('td');
    td.setAttribute('data-label', label);
    if (className) { td.className = className; }
    if (text) { td.textContent = text; }
    tr.appendChild(td);
    return td;
  }
  function printed(td, row) {
    if (!row[12]) { td.textContent = row[8]; return; }
    row[12].forEach(function (piece) {
      var tag = piece[0] === 'added' ? 'ins' : (piece[0] === 'removed' ? 'del' : 'span');
      var span = document.createElement(tag);
      span.textContent = piece[1];
      td.appendChild(span);
    });
  }
  function draw() {
    var rowsOnPage = shown.slice(page * PAGE, (page + 1) * PAGE);
    var fragment = document.createDocumentFragment();
    rowsOnPage.forEach(function (row) {
      var tr = document.createElement('tr');
      var severity = data.severities[row[0]];
      tr.className = 'sev-' + row[0];
      tr.setAttribute('data-severity', severity);
      tr.setAttribute('data-state', data.states[row[1]]);
      cell(tr, 'severity', severity, severity + ' nowrap');
      var state = cell(tr, 'state', data.states[row[1]].replace('-', ' '), 'state st-' + data.states[row[1]]);
      if (row[11]) {  // the state's dates: 'request sent …, failing again from …'
        var when = document.createElement('small');
        when.textContent = row[11].slice(row[11].indexOf(': ') + 2);
        state.appendChild(when);
      }
      cell(tr, 'rule', data.rules[row[2]], 'id nowrap');
      var article = cell(tr, 'article', '', 'article');
      var doi = document.createElement('span');
      doi.className = 'doi';
      doi.textContent = data.dois[row[3]];
      article.appendChild(doi);
      if (data.titles[row[3]]) { article.appendChild(document.createTextNode(' ' + data.titles[row[3]])); }
      cell(tr, 'person', row[5] >= 0 ? data.names[row[5]] : '', '');
      cell(tr, 'source', row[6], '');
      cell(tr, 'correct', row[7], '');
      printed(cell(tr, 'printed', '', row[12] ? 'diff' : ''), row);
      cell(tr, 'message', row[9], '');
      cell(tr, 'id', row[10], 'id nowrap');
      fragment.appendChild(tr);
    });
    body.textContent = '';
    body.appendChild(fragment);
    var pages = Math.max(1, Math.ceil(shown.length / PAGE));
    pageLabel.textContent = 'page ' + (page + 1) + ' of ' + pages;
    prev.disabled = page === 0;
    next.disabled = page + 1 >= pages;
  }
  function apply() {
    var f = {
      severity: Number(value('f-severity')), rule: value('f-rule'), state: value('f-state'),
      person: value('f-person'), publisher: value('f-publisher'),
      text: value('f-text').trim().toLowerCase()
    };
    shown = rows.filter(function (row) { return keep(row, f); });
    shown.sort(compare);
    var below = rows.filter(function (row) { return row[0] < f.severity; }).length;
    var text = shown.length + ' of ' + rows.length + ' finding(s) shown';
    if (below) { text += '; ' + below + ' below the severity chosen (collapsed)'; }
    count.textContent = text;
    page = 0;
    draw();
  }
  rows.forEach(function (row, n) { row.order = n; });
  controls.forEach(function (el) {
    el.addEventListener('input', apply);
    el.addEventListener('change', apply);
  });
  document.getElementById('filters').addEventListener('submit', function (event) {
    event.preventDefault();
  });
  Array.prototype.forEach.call(document.querySelectorAll('th[data-sort] button'), function (b) {
    b.addEventListener('click', function () {
      var th = b.parentNode;
      var chosen = th.getAttribute('data-sort');
      descending = chosen === sortKey ? !descending : chosen === 'severity';
      sortKey = chosen;
      Array.prototype.forEach.call(document.querySelectorAll('th[data-sort]'), function (other) {
        other.removeAttribute('aria-sort');
      });
      th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
      apply();
    });
  });
  prev.addEventListener('click', function () { page -= 1; draw(); });
  next.addEventListener('click', function () { page += 1; draw(); });
  apply();
  document.body.setAttribute('data-ready', '1');
})();
