// Leasehold status page: fetches status.json, draws pool utilisation as an SVG bar chart and fills the
// tables; refreshes every refreshSeconds the server gives. Packet rates are the difference of two
// successive counter readings over the time between them. No libraries, no build step.
(function () {
  'use strict';
  var SVG = 'http://www.w3.org/2000/svg';
  var previous = null;
  var refreshes = 0;

  function el(tag, attrs, text) {
    var e = tag.indexOf('svg:') === 0 ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) { e.textContent = String(text); }
    return e;
  }

  function fill(tbody, rows) {
    while (tbody.firstChild) { tbody.removeChild(tbody.firstChild); }
    rows.forEach(function (r) { tbody.appendChild(r); });
  }

  function row(cells, attrs) {
    var tr = el('tr', attrs);
    cells.forEach(function (c) { tr.appendChild(typeof c === 'object' ? c : el('td', {}, c)); });
    return tr;
  }

  function chart(pools) {
    var svg = document.getElementById('pool-chart');
    while (svg.firstChild) { svg.removeChild(svg.firstChild); }
    var labelWidth = 300, barWidth = 320, h = 22;
    svg.setAttribute('height', String(Math.max(1, pools.length) * (h + 6) + 6));
    pools.forEach(function (p, i) {
      var y = 6 + i * (h + 6);
      var name = p.subnet + ' ' + p.pool + (p.space ? ' (' + p.space + ')' : '');
      var g = el('svg:g', {'class': 'pool', 'data-subnet': p.subnet, 'data-pool': p.pool,
        'data-size': p.size, 'data-busy': p.busy, 'data-abandoned': p.abandoned, 'data-used-percent': p.usedPercent});
      g.appendChild(el('svg:text', {x: 0, y: y + 15}, name));
      g.appendChild(el('svg:rect', {'class': 'track', x: labelWidth, y: y, width: barWidth, height: h}));
      var w = p.size === 0 ? 0 : barWidth * (p.busy + p.abandoned) / p.size;
      g.appendChild(el('svg:rect', {'class': 'bar' + (p.usedPercent >= 80 ? ' over' : ''), x: labelWidth, y: y,
        width: w.toFixed(1), height: h}));
      g.appendChild(el('svg:text', {'class': 'value', x: labelWidth + barWidth + 8, y: y + 15},
        p.usedPercent + '% (' + (p.busy + p.abandoned) + '/' + p.size + ')'));
      svg.appendChild(g);
    });
  }

  function rate(now, name, value) {
    if (!previous || now.time <= previous.time) { return ''; }
    var before = previous.flat[name] || 0;
    return ((value - before) * 1000 / (now.time - previous.time)).toFixed(2);
  }

  function packets(s) {
    var flat = {'datagrams received': s.packets.received, 'datagrams sent': s.packets.sent,
      'decode errors': s.packets.decodeErrors};
    Object.keys(s.packets.messagesReceived).forEach(function (t) { flat['received ' + t] = s.packets.messagesReceived[t]; });
    Object.keys(s.packets.messagesSent).forEach(function (t) { flat['sent ' + t] = s.packets.messagesSent[t]; });
    Object.keys(s.packets.dropped).forEach(function (r) { flat['dropped ' + r] = s.packets.dropped[r]; });
    s.flat = flat;
    fill(document.querySelector('#packets tbody'), Object.keys(flat).map(function (k) {
      return row([k, flat[k], rate(s, k, flat[k])], {'data-counter': k});
    }));
  }

  function render(s) {
    chart(s.pools);
    fill(document.querySelector('#pools tbody'), s.pools.map(function (p) {
      return row([p.subnet, p.pool, p.space, p.size, p.busy, p.abandoned, p.free, p.usedPercent],
        {'data-subnet': p.subnet, 'data-pool': p.pool});
    }));
    fill(document.querySelector('#leases tbody'), Object.keys(s.leases).map(function (st) {
      return row([st, el('td', {'data-state': st}, s.leases[st])]);
    }));
    packets(s);
    var caps = document.getElementById('capabilities');
    while (caps.firstChild) { caps.removeChild(caps.firstChild); }
    s.capabilities.forEach(function (c) {
      caps.appendChild(el('li', {'data-bundle': c.name}, c.name + ' ' + c.version + ' (' + c.state + ')'));
    });
    if (s.capabilities.length === 0) { caps.appendChild(el('li', {}, 'none')); }
    var fo = document.getElementById('failover-section');
    fo.hidden = s.failover.length === 0;
    fill(document.querySelector('#failover tbody'), s.failover.map(function (f) {
      return row([f.peer, f.state, f.partnerState, f.connected ? 'up' : 'down'], {'data-peer': f.peer});
    }));
    refreshes++;
    var updated = document.getElementById('updated');
    updated.className = '';
    updated.setAttribute('data-refreshes', String(refreshes));
    updated.setAttribute('data-time', String(s.time));
    updated.textContent = 'updated ' + new Date(s.time).toISOString() + ', every ' + s.refreshSeconds + ' s';
    previous = s;
    return s.refreshSeconds;
  }

  function refresh() {
    fetch('status.json', {cache: 'no-store'})
      .then(function (r) { if (!r.ok) { throw new Error('HTTP ' + r.status); } return r.json(); })
      .then(render)
      .catch(function (e) {
        var updated = document.getElementById('updated');
        updated.className = 'stale';
        updated.textContent = 'not updated: ' + e.message;
        return 5;
      })
      .then(function (seconds) { setTimeout(refresh, (seconds || 5) * 1000); });
  }

  refresh();
}());
