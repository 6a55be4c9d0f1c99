extension InspectorPage {
    /// The live journal and an entry's detail with the string-to-sign comparison.
    static let scriptJournal = #"""
// ---- Journal: follows new requests by polling with `after`; an entry's detail beside the list ----------------
const JOURNAL_ROWS = 1000;
views.journal = function (main, argument, render) {
  let selected = argument ? Number(argument) : null;
  const entries = new Map();
  let last = null;
  let busy = false;
  const filters = {
    service: el('input', { placeholder: 'service (name or code)', class: 'narrow', id: 'filter-service' }),
    responseCode: el('input', { placeholder: 'responseCode', class: 'narrow', id: 'filter-code' }),
    status: el('input', { placeholder: 'HTTP status', class: 'narrow', id: 'filter-status' }),
  };
  const follow = el('input', { type: 'checkbox', id: 'follow', checked: true });
  const count = el('span', { class: 'pill', id: 'journal-count' });
  const line = statusLine();
  const body = el('tbody', { id: 'journal-rows' });
  const detail = el('div', { class: 'detail', id: 'entry-detail' },
    el('div', { class: 'card empty' }, 'Pick a request to see its headers, body, answer and verdict.'));
  const list = el('div', { class: 'list' }, el('table', {}, el('thead', {}, el('tr', {},
    ['#', 'time', 'partner', 'request', 'service', 'answer', 'verdict'].map((t) => el('th', {}, t)))), body));
  main.append(
    el('h1', {}, 'Request journal'),
    el('p', { class: 'lead' }, 'Every request the simulator received and what it answered, newest first.'),
    el('div', { class: 'card row' }, filters.service, filters.responseCode, filters.status,
      el('label', { class: 'row' }, follow, 'follow live'), el('span', { class: 'grow' }), count,
      el('button', { type: 'button', class: 'danger', onclick: clear }, 'Clear journal')),
    line, el('div', { class: 'split' }, list, detail));

  function params() {
    return { partner: state.partner, service: filters.service.value.trim(), responseCode: filters.responseCode.value.trim(),
      status: filters.status.value.trim() };
  }
  function row(entry) {
    const tr = el('tr', { class: 'clickable', 'data-sequence': entry.sequence,
      onclick: () => { location.hash = '#journal/' + entry.sequence; } },
    el('td', { class: 'num' }, entry.sequence),
    el('td', { class: 'mono', title: entry.receivedAt }, shortTime(entry.receivedAt)),
    el('td', { class: 'mono' }, entry.partner || '—'),
    el('td', { class: 'mono wrap' }, entry.method + ' ' + entry.path),
    el('td', {}, entry.service || '—'),
    el('td', {}, statusBadge(entry.response.status), entry.response.fault ? badge(entry.response.fault, 'warn') : null,
      el('div', { class: 'pill' }, entry.response.responseCode || '')),
    el('td', {}, verdictBadge(entry.verdict)));
    return tr;
  }
  function add(page) {
    const empty = body.querySelector('.empty-row');
    if (empty && page.length) empty.remove();
    for (const entry of page) {
      entries.set(entry.sequence, entry);
      body.prepend(row(entry));
      last = Math.max(last || 0, entry.sequence);
    }
    while (body.children.length > JOURNAL_ROWS) {
      entries.delete(Number(body.lastElementChild.dataset.sequence));
      body.lastElementChild.remove();
    }
    count.textContent = entries.size + ' shown';
    if (selected && !detail.dataset.sequence && entries.has(selected)) show(selected);
  }
  async function poll(first) {
    if (busy || (!first && !follow.checked)) return;
    busy = true;
    try {
      let answer;
      do {
        const extra = last === null ? { limit: 200 } : { after: last, limit: 500 };
        answer = await api('GET', '/_sim/requests' + query(Object.assign(params(), extra)));
        if (!current(render)) return;
        add(answer.requests || []);
      } while (answer.next !== null && answer.next !== undefined);
      if (!entries.size && !body.children.length) {
        body.append(el('tr', { class: 'empty-row' }, el('td', { colspan: 7, class: 'empty' }, 'No requests match yet.')));
      }
      say(line, '');
    } catch (error) {
      if (current(render)) failure(line, error);
    } finally {
      busy = false;
    }
  }
  function restart() {
    entries.clear();
    last = null;
    body.replaceChildren();
    poll(true);
  }
  async function clear() {
    try {
      await api('DELETE', '/_sim/requests' + query({ partner: state.partner }));
      restart();
      say(line, 'Journal cleared.', 'done');
    } catch (error) { failure(line, error); }
  }
  async function show(sequence) {
    selected = sequence;
    for (const tr of body.children) tr.classList.toggle('selected', Number(tr.dataset.sequence) === sequence);
    let entry = entries.get(sequence);
    if (!entry) {
      try {
        const answer = await api('GET', '/_sim/requests' + query({ after: sequence - 1, limit: 1 }));
        entry = (answer.requests || []).find((e) => e.sequence === sequence);
      } catch (error) { failure(line, error); return; }
    }
    if (!current(render)) return;
    detail.dataset.sequence = String(sequence);
    detail.replaceChildren(entry ? entryDetail(entry) : el('div', { class: 'card empty' }, 'Request #' + sequence + ' is no longer in the journal.'));
  }
  for (const input of Object.values(filters)) input.addEventListener('change', restart);
  follow.addEventListener('change', () => poll(false));
  every(1500, () => poll(false));
  poll(true);
  if (selected) show(selected);
  return { select: (argument) => { if (argument) show(Number(argument)); } };
};

/** One journal entry: the request, the answer and what the security pipeline concluded. */
function entryDetail(entry) {
  const verdict = entry.verdict;
  const root = el('div', { id: 'entry-' + entry.sequence });
  root.append(card(null,
    el('div', { class: 'row' }, el('b', { class: 'mono' }, entry.method + ' ' + entry.path)),
    el('div', { class: 'row' }, statusBadge(entry.response.status), verdictBadge(verdict),
      entry.response.responseCode ? badge(entry.response.responseCode, 'plain') : null),
    el('h3', {}, 'Request #' + entry.sequence),
    facts([['received', entry.receivedAt], ['partner', entry.partner], ['service', entry.service],
      ['matched rule', entry.matchedRule], ['fault', entry.response.fault]])));
  if (entry.direction === 'outbound') {
    root.append(card('Notification attempt: ' + verdict.result, facts([['detail', verdict.detail]].concat(
      Object.entries(entry.notification || {})))));
  } else if (verdict && verdict.result === 'rejected') root.append(rejection(verdict));
  else if (verdict) {
    root.append(card('Verdict: accepted', facts([['signing', verdict.signingMode], ['encoding', verdict.signatureEncoding],
      ['check', verdict.check]]), verdict.stringToSign ? [el('h3', {}, 'string-to-sign verified'),
      el('pre', { class: 'sts', id: 'sts-accepted' }, verdict.stringToSign)] : null));
  }
  if (entry.explanation) root.append(card('Why the service refused it', explanationView(entry.explanation)));
  root.append(card('Request headers', table([
    { title: 'name', value: (h) => h[0], class: 'mono' }, { title: 'value', value: (h) => h[1], class: 'mono' }],
  Object.entries(entry.headers || {}))));
  root.append(card('Request body', el('pre', {}, entry.body ? pretty(entry.body) : '(empty)')));
  root.append(card('Answer ' + (entry.response.status || ''), el('pre', {}, pretty(entry.response.body || '(empty)'))));
  return root;
}

const EXPLAINED = new Set(['result', 'case', 'summary', 'check', 'stringToSign', 'receivedStringToSign', 'diagnosis', 'hint']);
function rejection(verdict) {
  const section = card('Verdict: rejected', el('p', { class: 'row' }, el('b', {}, verdict.summary || 'refused'),
    badge(verdict.check || 'security', 'bad'), verdict.case ? badge(verdict.case, 'plain') : null));
  if (verdict.stringToSign) section.append(stringToSignComparison(verdict.stringToSign, verdict.receivedStringToSign));
  for (const finding of verdict.diagnosis || []) {
    section.append(el('div', { class: 'diagnosis' }, el('b', {}, finding.cause), ' — ', finding.detail));
  }
  if (verdict.hint) section.append(el('div', { class: 'hint' }, verdict.hint));
  const rest = Object.entries(verdict).filter(([key]) => !EXPLAINED.has(key));
  if (rest.length) section.append(el('h3', {}, 'facts'), facts(rest));
  return section;
}
function explanationView(explanation) {
  return [el('p', {}, el('b', {}, explanation.summary || '')),
    (explanation.diagnosis || []).map((f) => el('div', { class: 'diagnosis' }, el('b', {}, f.cause), ' — ', f.detail)),
    explanation.hint ? el('div', { class: 'hint' }, explanation.hint) : null,
    facts(Object.entries(explanation).filter(([key]) => !EXPLAINED.has(key)))];
}

/**
 * Expected and received string-to-sign, the part that differs marked in both. The differing span is widened to
 * whole components (between `:` or `|`), so a wrong body hash is marked as one hash, not from its first wrong digit.
 */
function stringToSignComparison(expected, received) {
  const box = el('div', { id: 'sts-comparison' });
  if (received === undefined || received === null) {
    box.append(el('h3', {}, 'expected string-to-sign'), el('pre', { class: 'sts', id: 'sts-expected' }, expected),
      el('p', { class: 'lead' }, 'No common mistake reproduces the signature, so the string it was made over is unknown: ' +
        'compare yours with this one byte for byte.'));
    return box;
  }
  const a = Array.from(expected);
  const b = Array.from(received);
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const separator = (c) => c === ':' || c === '|';
  while (prefix > 0 && !separator(a[prefix - 1])) prefix--;
  while (suffix > 0 && !separator(a[a.length - suffix])) suffix--;
  const marked = (chars, id) => {
    const pre = el('pre', { class: 'sts', id });
    const middle = chars.slice(prefix, chars.length - suffix).join('');
    pre.append(chars.slice(0, prefix).join(''));
    pre.append(el('mark', { class: 'diff', title: middle ? 'differs' : 'missing here' }, middle || '\u2205'));
    pre.append(chars.slice(chars.length - suffix).join(''));
    return pre;
  };
  if (expected === received) {
    box.append(el('h3', {}, 'string-to-sign (the same; the signature itself is the problem)'),
      el('pre', { class: 'sts', id: 'sts-expected' }, expected));
    return box;
  }
  box.append(el('h3', {}, 'expected string-to-sign (what snapsim verifies)'), marked(a, 'sts-expected'),
    el('h3', {}, 'received string-to-sign (what the signature was made over)'), marked(b, 'sts-received'),
    el('p', { class: 'lead' }, 'Marked: the part that differs, from character ' + (prefix + 1) + '.'));
  return box;
}
"""#
}
