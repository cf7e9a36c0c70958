// netinsights dashboard: ask -> script -> run on the capture -> console over SSE -> chart.
// Plain ES2017, no build step, no external resources (the page must work offline).
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var script = null;
  var run = 0;
  var report = { title: '', rows: [] }; // the latest "N. label: value" block
  var perInstance = {};                 // console lines per instance in this run
  var chartUpdates = 0;

  function post(path, body) {
    return fetch(path, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body)
    }).then(function (r) {
      return r.json().then(function (j) {
        if (!r.ok) { throw new Error(j.error || ('HTTP ' + r.status)); }
        return j;
      });
    });
  }

  $('ask-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var q = $('question').value.trim() || $('question').placeholder;
    $('answer-status').textContent = 'asking…';
    $('run').disabled = true;
    post('/api/ask', { question: q }).then(function (a) {
      $('answer-status').textContent = a.status === 'SCRIPT'
        ? 'Script from ' + a.source + ' (' + a.elapsedMillis + ' ms)' : a.status;
      $('explanation').textContent = a.explanation;
      $('explanation').hidden = false;
      script = a.script;
      $('script').textContent = a.script || '';
      $('script').hidden = !a.script;
      $('run').disabled = !a.script;
    }).catch(function (err) { $('answer-status').textContent = 'error: ' + err.message; });
  });

  $('run').addEventListener('click', function () {
    if (!script) { return; }
    $('run').disabled = true;
    $('run-status').textContent = 'starting…';
    post('/api/run', { script: script }).then(function (r) {
      $('run-status').textContent = 'run ' + r.run + ' running…';
    }).catch(function (err) {
      $('run-status').textContent = 'error: ' + err.message;
      $('run').disabled = false;
    });
  });

  // "1. 192.168.170.8: 11 queries" or "  svc-a: 12.5" -> [label, number]
  var ROW = /^\s*(?:\d+[.)]\s+)?(.+?):\s+(-?\d+(?:\.\d+)?)/;

  function onLine(ev) {
    var line = document.createElement('div');
    line.className = ev.level;
    line.textContent = '[' + ev.instance + '] ' + ev.text;
    $('console').appendChild(line);
    $('console').scrollTop = $('console').scrollHeight;
    perInstance[ev.instance] = (perInstance[ev.instance] || 0) + 1;
    if (ev.level === 'log') {
      var m = ROW.exec(ev.text);
      if (m) {
        report.rows.push([m[1], parseFloat(m[2])]);
      } else {
        report = { title: ev.text, rows: [] }; // a heading starts a new report
      }
    }
    draw();
  }

  function draw() {
    var rows = report.rows.slice(0, 12);
    var title = report.title || 'lines per instance';
    if (rows.length === 0) {
      rows = Object.keys(perInstance).map(function (k) { return [k, perInstance[k]]; });
      title = 'console lines per instance';
    }
    var svg = $('chart');
    while (svg.firstChild) { svg.removeChild(svg.firstChild); }
    var NS = 'http://www.w3.org/2000/svg';
    var W = 480, H = 260, left = 140, barH = Math.min(28, (H - 10) / Math.max(rows.length, 1));
    var max = rows.reduce(function (a, r) { return Math.max(a, r[1]); }, 0) || 1;
    rows.forEach(function (r, i) {
      var y = 5 + i * barH;
      var rect = document.createElementNS(NS, 'rect');
      rect.setAttribute('x', left);
      rect.setAttribute('y', y);
      rect.setAttribute('width', Math.max(1, (W - left - 50) * r[1] / max));
      rect.setAttribute('height', barH - 4);
      rect.setAttribute('fill', '#4a7ebb');
      rect.setAttribute('class', 'bar');
      svg.appendChild(rect);
      var label = document.createElementNS(NS, 'text');
      label.setAttribute('x', left - 6);
      label.setAttribute('y', y + barH / 2 + 2);
      label.setAttribute('text-anchor', 'end');
      label.setAttribute('font-size', '11');
      label.textContent = r[0].length > 22 ? r[0].slice(0, 21) + '…' : r[0];
      svg.appendChild(label);
      var value = document.createElementNS(NS, 'text');
      value.setAttribute('x', left + Math.max(1, (W - left - 50) * r[1] / max) + 4);
      value.setAttribute('y', y + barH / 2 + 2);
      value.setAttribute('font-size', '11');
      value.textContent = String(r[1]);
      svg.appendChild(value);
    });
    chartUpdates++;
    svg.setAttribute('data-updates', String(chartUpdates));
    $('chart-title').textContent = title;
  }

  var source = new EventSource('/api/console/stream');
  source.onopen = function () { $('status').textContent = 'connected'; };
  source.onerror = function () { $('status').textContent = 'disconnected, retrying…'; };
  source.onmessage = function (m) {
    var ev = JSON.parse(m.data);
    if (ev.type === 'run-start') {
      run = ev.run;
      $('console').textContent = '';
      report = { title: '', rows: [] };
      perInstance = {};
      $('run-status').textContent = 'run ' + ev.run + ' running…';
    } else if (ev.type === 'line' && (ev.run === run || ev.source === 'kafka')) {
      onLine(ev);
    } else if (ev.type === 'run-end' && ev.run === run) {
      $('run-status').textContent = ev.ok
        ? 'run ' + ev.run + ' finished: ' + ev.lines + ' lines'
        : 'run ' + ev.run + ' failed: ' + ev.error;
      $('run-status').setAttribute('data-done', ev.ok ? 'ok' : 'failed');
      $('run').disabled = !script;
    }
  };
}());
