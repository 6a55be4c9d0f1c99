extension InspectorPage {
    /// Notifications and the payer's actions; starts the page.
    static let scriptActions = #"""
// ---- Notifications: deliveries with their attempts, redelivery, where the partner receives -------------------
views.notifications = function (main, selected, render) {
  const line = statusLine();
  const list = el('div', { class: 'list', id: 'delivery-list' });
  const detail = el('div', { class: 'detail', id: 'delivery-detail' },
    el('div', { class: 'card empty' }, 'Pick a delivery to see its body and every attempt.'));
  const endpoint = el('input', { placeholder: 'http://127.0.0.1:9000/notify', class: 'grow', id: 'endpoint-default' });
  const endpointBox = el('div');
  const deliveries = new Map();
  async function load() {
    try {
      const answer = await api('GET', '/_sim/notifications' + query({ partner: state.partner }));
      if (!current(render)) return;
      deliveries.clear();
      for (const d of answer.deliveries || []) deliveries.set(d.id, d);
      list.replaceChildren(table([
        { title: 'id', value: (d) => d.id, class: 'mono' }, { title: 'partner', value: (d) => d.partner, class: 'mono' },
        { title: 'kind', value: (d) => d.kind }, { title: 'transaction', value: (d) => d.transactionRef, class: 'mono' },
        { title: 'state', value: (d) => badge(d.state, d.state === 'delivered' ? 'ok' : d.state === 'scheduled' ? 'warn' : 'plain') },
        { title: 'attempts', value: (d) => (d.attempts || []).length, class: 'num' }],
      (answer.deliveries || []).slice().reverse(), (d) => { location.hash = '#notifications/' + encodeURIComponent(d.id); }));
      if (selected && deliveries.has(selected) && detail.dataset.shown !== JSON.stringify(deliveries.get(selected))) show(selected);
    } catch (error) { if (current(render)) failure(line, error); }
  }
  function show(id) {
    selected = id;
    const d = deliveries.get(id);
    if (!d) return;
    detail.dataset.shown = JSON.stringify(d);
    detail.replaceChildren(card('Delivery ' + d.id,
      facts([['partner', d.partner], ['kind', d.kind], ['event', d.eventId], ['profile', d.profile], ['url', d.url],
        ['state', d.state], ['next attempt', d.nextAttemptAt], ['reason', d.reason], ['fault', d.fault], ['occurred', d.occurredAt]]),
      el('div', { class: 'row' }, el('button', { type: 'button', class: 'primary', id: 'redeliver', onclick: () => redeliver(d.id) }, 'Redeliver')),
      el('h3', {}, 'body'), el('pre', {}, pretty(d.body)),
      el('h3', {}, 'attempts'), table([
        { title: '#', value: (a) => a.number, class: 'num' }, { title: 'at', value: (a) => a.at, class: 'mono' },
        { title: 'status', value: (a) => a.status === null ? badge('no answer', 'bad') : statusBadge(a.status) },
        { title: 'ms', value: (a) => a.latencyMs, class: 'num' }, { title: 'verdict', value: (a) => a.verdict },
        { title: 'answer', value: (a) => a.response, class: 'mono' }], d.attempts || [])));
  }
  async function redeliver(id) {
    try {
      const copy = await api('POST', '/_sim/notifications/' + encodeURIComponent(id) + '/redeliver');
      say(line, 'Redelivered as ' + copy.id + ' (' + copy.state + ').', 'done');
      load();
    } catch (error) { failure(line, error); }
  }
  async function loadEndpoints() {
    const partner = chosenPartner();
    try {
      const answer = await api('GET', '/_sim/notifications/endpoints' + query({ partner }));
      if (!current(render)) return;
      endpointBox.replaceChildren(el('pre', {}, pretty(answer)));
      if (!endpoint.value && answer && answer.default) endpoint.value = answer.default;
    } catch (error) { endpointBox.replaceChildren(el('p', { class: 'lead' }, error.message)); }
  }
  async function saveEndpoint() {
    try {
      await api('PUT', '/_sim/notifications/endpoints' + query({ partner: chosenPartner() }), { default: endpoint.value.trim() });
      say(line, 'Notifications of ' + chosenPartner() + ' now go to ' + endpoint.value.trim() + '.', 'done');
      loadEndpoints();
    } catch (error) { failure(line, error); }
  }
  main.append(el('h1', {}, 'Notifications'),
    el('p', { class: 'lead' }, 'What the simulator POSTed to partners when flows completed, signed as the provider signs, with every attempt.'),
    line, el('div', { class: 'split' }, list, detail),
    card('Where ' + chosenPartner() + ' receives', endpointBox,
      el('div', { class: 'row' }, endpoint, el('button', { type: 'button', id: 'endpoint-save', onclick: saveEndpoint }, 'Set default endpoint'))));
  load();
  loadEndpoints();
  every(3000, load);
  return { select: (id) => { if (id) show(id); } };
};

// ---- Payer: what the simulated customer does ------------------------------------------------------------------
const PAYER_ACTIONS = [
  { title: 'Pay a virtual account', path: '/_sim/payer/va', doc: 'Pays into the partner\u2019s VA as its customer would (service 25).',
    fields: [['virtualAccountNo', '  08889900000000000000000001'], ['amount', '150000.00'], ['paymentRequestId', 'optional']] },
  { title: 'Pay a QRIS or payment-gateway order', path: '/_sim/payer/qr', doc: 'The customer scans a QR (qrContent) or opens a webRedirectUrl (url).',
    fields: [['customerNumber', '081977817902'], ['qrContent', '000201…'], ['url', 'webRedirectUrl, instead of qrContent']] },
  { title: 'Approve a direct-debit payment', path: '/_sim/payer/direct-debit', doc: 'At the payment\u2019s webRedirectUrl: approve or decline.',
    fields: [['referenceNo', 'as in the redirect URL'], ['partnerReferenceNo', 'or this'], ['action', 'approve | decline']] },
  { title: 'Approve an account binding', path: '/_sim/payer/binding', doc: 'The customer approves or rejects a binding.',
    fields: [['referenceNo', 'as in the redirect URL'], ['action', 'approve | reject']] },
  { title: 'Enter the OTP', path: '/_sim/payer/otp', doc: 'Enters the OTP the customer was sent (or the otp given).',
    fields: [['referenceNo', 'as in the redirect URL'], ['otp', 'optional']] },
  { title: 'SmilePayz: set callback', path: '/_sim/payer/smilepayz', doc: 'Ends a pay-in or pay-out and sends the signed callback.',
    fields: [['tradeNo', 'T1012…'], ['orderNo', 'or this'], ['outcome', 'success | failure']] },
  { title: 'E2Pay: top up M-Bayar', path: '/_sim/payer/e2pay-topup', doc: 'Tops up an M-Bayar account from a bank channel (amount in rupiah).',
    fields: [['accountId', '081234560001'], ['amount', '50000', 'number']] },
];
views.payer = function (main, _, render) {
  const partner = chosenPartner();
  const line = statusLine();
  const result = el('pre', { id: 'payer-result' }, 'The answer appears here.');
  const inputs = new Map();
  const pick = el('select', { id: 'payer-action', onchange: () => form() },
    PAYER_ACTIONS.map((a, index) => el('option', { value: index }, a.title)));
  const fieldsBox = el('div', { class: 'row' });
  const doc = el('p', { class: 'lead' });
  function form() {
    const action = PAYER_ACTIONS[Number(pick.value)];
    doc.textContent = action.doc + ' POST ' + action.path + '?partner=' + partner;
    inputs.clear();
    fieldsBox.replaceChildren(...action.fields.map(([name, hint, kind]) => {
      const input = el('input', { placeholder: hint, id: 'payer-' + name, type: kind === 'number' ? 'number' : 'text' });
      inputs.set(name, [input, kind]);
      return el('label', { class: 'field' }, name, input);
    }));
  }
  async function send() {
    const action = PAYER_ACTIONS[Number(pick.value)];
    const body = {};
    for (const [name, [input, kind]] of inputs) {
      if (input.value === '') continue;
      body[name] = kind === 'number' ? Number(input.value) : input.value;
    }
    try {
      const answer = await api('POST', action.path + query({ partner }), body);
      result.textContent = pretty(answer);
      say(line, action.title + ': done.', 'done');
      loadVAs();
    } catch (error) {
      result.textContent = pretty(error.body);
      failure(line, error);
    }
  }
  const vaBox = el('div');
  async function loadVAs() {
    try {
      const answer = await api('GET', '/_sim/payer/va' + query({ partner }));
      if (!current(render)) return;
      vaBox.replaceChildren(table([
        { title: 'virtual account', value: (v) => v.virtualAccountNo, class: 'mono' }, { title: 'name', value: (v) => v.virtualAccountName },
        { title: 'remaining', value: (v) => money(v.remaining), class: 'num' },
        { title: 'status', value: (v) => v.transactionStatusDesc },
        { title: '', value: (v) => el('button', { type: 'button', onclick: () => {
          pick.value = '0';
          form();
          inputs.get('virtualAccountNo')[0].value = v.virtualAccountNo;
          inputs.get('amount')[0].value = v.remaining && v.remaining.value !== '0.00' ? v.remaining.value : (v.totalAmount || {}).value || '';
        } }, 'Fill in') }], answer.virtualAccounts || []));
    } catch (error) { vaBox.replaceChildren(el('p', { class: 'lead' }, error.message)); }
  }
  main.append(el('h1', {}, 'Payer'), partnerNote(partner),
    card('Act as the customer', el('div', { class: 'row' }, pick), doc, fieldsBox,
      el('div', { class: 'row' }, el('button', { type: 'button', class: 'primary', id: 'payer-send', onclick: send }, 'Send')), line,
      el('h3', {}, 'answer'), result),
    card('Virtual accounts of ' + partner, vaBox));
  form();
  loadVAs();
};

if (sessionStorage.getItem(TOKEN_KEY)) start().catch(() => showLogin()); else showLogin();
"""#
}
