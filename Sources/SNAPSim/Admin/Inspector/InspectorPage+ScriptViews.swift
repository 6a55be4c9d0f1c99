extension InspectorPage {
    /// Accounts, clock and reset, faults, scenario states.
    static let scriptViews = #"""
// ---- Accounts: the partner's ledger, a holder's top-ups and movements, its virtual accounts ------------------
views.accounts = function (main, selected, render) {
  const partner = chosenPartner();
  const line = statusLine();
  const lists = el('div', { class: 'list' });
  const detail = el('div', { class: 'detail', id: 'account-detail' },
    el('div', { class: 'card empty' }, 'Pick an account to see its balance, limits, top-ups and movements.'));
  const payments = el('div', { id: 'virtual-accounts' });
  main.append(el('h1', {}, 'Accounts'), partnerNote(partner), line, el('div', { class: 'split' }, lists, detail), payments);

  async function load() {
    try {
      const answer = await api('GET', '/_sim/accounts' + query({ partner }));
      if (!current(render)) return;
      lists.replaceChildren(
        el('h3', {}, 'e-money customers'),
        table([{ title: 'customer', value: (c) => c.customerNumber, class: 'mono' }, { title: 'name', value: (c) => c.name },
          { title: 'tier', value: (c) => c.tier }, { title: 'status', value: (c) => c.status },
          { title: 'balance', value: (c) => money(c.balance), class: 'num' }],
        answer.customers || [], (c) => { location.hash = '#accounts/' + c.customerNumber; }),
        el('h3', {}, 'merchant accounts'),
        table([{ title: 'account', value: (a) => a.accountNo, class: 'mono' }, { title: 'name', value: (a) => a.name },
          { title: 'status', value: (a) => a.status }, { title: 'available', value: (a) => money(a.balance), class: 'num' }],
        answer.accounts || [], (a) => { location.hash = '#accounts/' + a.accountNo; }));
    } catch (error) { if (current(render)) failure(line, error); }
    try {
      const answer = await api('GET', '/_sim/payer/va' + query({ partner }));
      if (!current(render)) return;
      const vas = answer.virtualAccounts || [];
      payments.replaceChildren(card('Virtual accounts and their payments', table([
        { title: 'virtual account', value: (v) => v.virtualAccountNo.trim(), class: 'mono' },
        { title: 'name', value: (v) => v.virtualAccountName }, { title: 'type', value: (v) => v.virtualAccountTrxType },
        { title: 'total', value: (v) => money(v.totalAmount), class: 'num' }, { title: 'paid', value: (v) => money(v.paidAmount), class: 'num' },
        { title: 'status', value: (v) => badge(v.transactionStatusDesc, v.latestTransactionStatus === '00' ? 'ok' : 'plain') },
        { title: 'payments', value: (v) => (v.payments || []).map((p) => money(p.amount) + ' at ' + shortTime(p.paidAt) + ' (' + p.channel + ')').join('; ') || '—' }],
      vas)));
    } catch (_) { payments.replaceChildren(); }
  }
  async function show(id) {
    if (!id) return;
    try {
      const account = await api('GET', '/_sim/accounts/' + encodeURIComponent(id) + query({ partner }));
      if (!current(render)) return;
      const limits = account.limits || {};
      detail.replaceChildren(card((account.name || id) + ' · ' + id,
        facts([['kind', account.kind], ['tier', account.tier], ['status', account.status], ['balance', account.balance],
          ['topped up this month', account.toppedUpThisMonth], ['may still top up', account.mayTopUp],
          ['inquiries today', account.inquiriesToday], ['balance cap', limits.balanceCap],
          ['monthly top-up cap', limits.monthlyTopUpCap], ['minimum top-up', limits.minimumTopUp]]),
        account.accountInfos ? [el('h3', {}, 'balances'), table([{ title: 'type', value: (i) => i.balanceType },
          { title: 'available', value: (i) => money(i.availableBalance), class: 'num' },
          { title: 'ledger', value: (i) => money(i.ledgerBalance), class: 'num' },
          { title: 'hold', value: (i) => money(i.holdAmount), class: 'num' }], account.accountInfos)] : null,
        account.topUps ? [el('h3', {}, 'top-ups (' + account.topUpCount + ')'), table([
          { title: 'partnerReferenceNo', value: (t) => t.partnerReferenceNo, class: 'mono' },
          { title: 'amount', value: (t) => money(t.amount), class: 'num' },
          { title: 'status', value: (t) => badge(t.statusDesc, t.status === '00' ? 'ok' : 'plain') },
          { title: 'at', value: (t) => t.recordedAt, class: 'mono' }], account.topUps.slice().reverse())] : null,
        el('h3', { id: 'account-movements' }, 'movements (newest first)'), table([
          { title: 'time', value: (m) => m.time, class: 'mono' }, { title: 'type', value: (m) => m.type },
          { title: 'direction', value: (m) => badge(m.direction, m.direction === 'CREDIT' ? 'ok' : 'warn') },
          { title: 'amount', value: (m) => money(m.amount), class: 'num' },
          { title: 'reference', value: (m) => m.partnerReferenceNo, class: 'mono' }, { title: 'remark', value: (m) => m.remark }],
        account.movements || [])));
    } catch (error) { if (current(render)) failure(line, error); }
  }
  load();
  show(selected);
  return { select: show };
};

// ---- Clock and reset ------------------------------------------------------------------------------------------
views.clock = function (main, _, render) {
  const now = el('div', { class: 'mono', id: 'clock-now' }, '…');
  const mode = el('span', { class: 'pill' });
  const line = statusLine();
  const advance = el('input', { placeholder: 'e.g. 901s, 15m, 2h, 1d, 1mo', id: 'clock-advance' });
  const set = el('input', { placeholder: '2026-02-01T00:00:00+07:00', id: 'clock-set', class: 'grow' });
  async function show(answer) {
    const clock = answer || await api('GET', '/_sim/clock');
    if (!current(render)) return;
    now.textContent = clock.now;
    mode.textContent = clock.mode === 'fixed' ? 'fixed: moves only when you move it' : 'real: follows the wall clock';
    if (!set.value) set.value = clock.now;
    $('header-clock').textContent = clock.now + ' · ' + clock.mode;
  }
  async function post(body) {
    try {
      await show(await api('POST', '/_sim/clock', body));
      say(line, 'Clock now ' + now.textContent + '.', 'done');
    } catch (error) { failure(line, error); }
  }
  async function reset(partner) {
    const what = partner ? 'partner ' + partner : 'every partner and the clock';
    if (!confirm('Reset ' + what + ' to the fixtures?')) return;
    try {
      await api('POST', '/_sim/reset' + query({ partner }));
      say(line, 'Reset ' + what + '.', 'done');
      set.value = '';
      show();
    } catch (error) { failure(line, error); }
  }
  const resetPartner = partnerSelect(state.partner, false);
  main.append(el('h1', {}, 'Clock & reset'),
    el('p', { class: 'lead' }, 'One clock for every partner: tokens expire, external IDs roll over and scenario states expire on it.'),
    card('Now', el('div', { class: 'row' }, el('b', {}, now), mode)),
    card('Advance', el('div', { class: 'row' },
      ['1m', '15m', '1h', '1d', '1mo'].map((step) => el('button', { type: 'button', onclick: () => post({ advance: step }) }, '+' + step)),
      advance, el('button', { type: 'button', class: 'primary', id: 'clock-advance-button',
        onclick: () => post({ advance: advance.value.trim() }) }, 'Advance'))),
    card('Set', el('div', { class: 'row' }, set, el('button', { type: 'button', class: 'primary', id: 'clock-set-button',
      onclick: () => post({ set: set.value.trim() }) }, 'Set clock'))),
    card('Reset', el('p', { class: 'lead' }, 'Restore the fixtures\u2019 state: ledger, tokens, external IDs, scenario states, faults, journal.'),
      el('div', { class: 'row' }, resetPartner, el('button', { type: 'button', class: 'danger', onclick: () => reset(resetPartner.value) }, 'Reset partner'),
        el('button', { type: 'button', class: 'danger', onclick: () => reset('') }, 'Reset everything'))),
    line);
  show().catch((error) => failure(line, error));
};

// ---- Faults: forced outcomes and transport faults ------------------------------------------------------------
const FAULT_PRESETS = [
  ['Close the connection on the next top-up', { service: 'emoney-topup' }, { fault: 'closeConnection' }],
  ['Truncate the next answer', {}, { fault: 'truncatedBody' }],
  ['Answer 500 General Error', {}, { case: '500xx00' }],
  ['Delay every answer 3 s', {}, { delayMs: 3000 }],
  ['HTTP 503 with a body', {}, { httpStatus: 503, body: { responseCode: '5030000', responseMessage: 'Service Unavailable' } }],
];
views.faults = function (main, _, render) {
  const line = statusLine();
  const listBox = el('div', { id: 'fault-list' });
  const partner = partnerSelect(state.partner, false);
  const when = el('textarea', { id: 'fault-when' }, JSON.stringify(FAULT_PRESETS[0][1], null, 2));
  const then = el('textarea', { id: 'fault-then' }, JSON.stringify(FAULT_PRESETS[0][2], null, 2));
  const times = el('input', { type: 'number', min: 1, value: 1, class: 'narrow', id: 'fault-times' });
  const description = el('input', { placeholder: 'description (optional)', class: 'grow' });
  const preset = el('select', { onchange: () => {
    const [, w, t] = FAULT_PRESETS[Number(preset.value)];
    when.value = JSON.stringify(w, null, 2);
    then.value = JSON.stringify(t, null, 2);
  } }, FAULT_PRESETS.map(([title], index) => el('option', { value: index }, title)));
  async function load() {
    try {
      const answer = await api('GET', '/_sim/faults' + query({ partner: state.partner }));
      if (!current(render)) return;
      listBox.replaceChildren(table([
        { title: 'partner', value: (f) => f.partner, class: 'mono' }, { title: 'id', value: (f) => f.id, class: 'mono' },
        { title: 'what', value: (f) => f.summary }, { title: 'used', value: (f) => f.used, class: 'num' },
        { title: 'remaining', value: (f) => f.remaining === null || f.remaining === undefined ? '∞' : f.remaining, class: 'num' },
        { title: '', value: (f) => el('button', { type: 'button', class: 'danger', onclick: () => remove(f.partner, f.id) }, 'Clear') }],
      answer.faults || []));
    } catch (error) { if (current(render)) failure(line, error); }
  }
  async function add() {
    let body;
    try {
      body = { partner: partner.value, when: JSON.parse(when.value || '{}'), then: JSON.parse(then.value || '{}') };
    } catch (error) { say(line, 'when and then must be JSON: ' + error.message, 'error'); return; }
    if (times.value) body.times = Number(times.value);
    if (description.value.trim()) body.description = description.value.trim();
    try {
      const added = await api('POST', '/_sim/faults', body);
      say(line, 'Added ' + added.id + ': ' + added.summary, 'done');
      load();
    } catch (error) { failure(line, error); }
  }
  async function remove(owner, id) {
    try {
      const answer = await api('DELETE', '/_sim/faults' + query({ partner: owner, id }));
      say(line, 'Cleared ' + answer.cleared + '.', 'done');
      load();
    } catch (error) { failure(line, error); }
  }
  main.append(el('h1', {}, 'Faults'),
    el('p', { class: 'lead' }, 'Force what a partner\u2019s next requests get: a case code, a status with a body, a delay, or a broken connection.'),
    card('Active', listBox, el('div', { class: 'row' }, el('button', { type: 'button', class: 'danger',
      onclick: () => remove(state.partner, undefined) }, state.partner ? 'Clear all of ' + state.partner : 'Clear all'))),
    card('Add', el('div', { class: 'row' }, el('label', { class: 'field' }, 'partner', partner),
      el('label', { class: 'field' }, 'preset', preset), el('label', { class: 'field' }, 'times', times), description),
    el('div', { class: 'row' }, el('label', { class: 'field grow' }, 'when (rule conditions)', when),
      el('label', { class: 'field grow' }, 'then (outcome)', then)),
    el('div', { class: 'row' }, el('button', { type: 'button', class: 'primary', id: 'fault-add', onclick: add }, 'Add fault'))),
    line);
  load();
  every(3000, load);
};

// ---- Scenario states ------------------------------------------------------------------------------------------
views.scenarios = function (main, _, render) {
  const partner = chosenPartner();
  const line = statusLine();
  const box = el('div', { id: 'scenario-list' });
  async function load(answer) {
    try {
      const states = answer || await api('GET', '/_sim/state' + query({ partner }));
      if (!current(render)) return;
      box.replaceChildren(table([
        { title: 'scenario', value: (s) => s.scenario, class: 'mono' },
        { title: 'state', value: (s) => badge(s.state, s.state === 'Started' ? 'plain' : 'warn') },
        { title: 'since', value: (s) => s.since, class: 'mono' },
        { title: 'answers', value: (s) => Object.entries(s.answers || {}).map(([k, v]) => k + ' ×' + v).join(', ') || '—' },
        { title: 'expires', value: (s) => s.expires ? s.expires.at + ' → ' + s.expires.setState : '—', class: 'mono' },
        { title: 'move to', value: (s) => {
          const pick = el('select', {}, (s.states || []).map((name) => el('option', { value: name }, name)));
          pick.value = s.state;
          return el('div', { class: 'row' }, pick, el('button', { type: 'button', onclick: () => move(s.scenario, pick.value) }, 'Move'));
        } }], states.scenarios || []));
    } catch (error) { if (current(render)) failure(line, error); }
  }
  async function move(scenario, target) {
    try {
      await load(await api('PUT', '/_sim/state' + query({ partner }), { scenarios: { [scenario]: target } }));
      say(line, scenario + ' is now ' + target + '.', 'done');
    } catch (error) { failure(line, error); }
  }
  main.append(el('h1', {}, 'Scenario states'), partnerNote(partner),
    el('p', { class: 'lead' }, 'Rules that take part in a scenario apply only in its state; every scenario starts in Started.'),
    card(null, box, el('div', { class: 'row' }, el('button', { type: 'button', onclick: () => load() }, 'Refresh'))), line);
  load();
};
"""#
}
