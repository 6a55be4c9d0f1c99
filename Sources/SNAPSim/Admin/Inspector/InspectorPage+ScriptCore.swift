extension InspectorPage {
    /// Helpers, the admin API client, the token form, the header and the view router.
    static let scriptCore = #"""
'use strict';
// snapsim inspector. Every value from the simulator is shown with textContent (never as markup): the journal
// holds bytes that any client chose. The admin token lives in sessionStorage and travels only as a header.
const TOKEN_KEY = 'snapsim.adminToken';
const PARTNER_KEY = 'snapsim.partner';
const state = { partners: [], partner: sessionStorage.getItem(PARTNER_KEY) || '', view: null, timers: [], render: 0 };
const $ = (id) => document.getElementById(id);

/** An element with properties and children; strings become text nodes, so nothing is ever parsed as HTML. */
function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = String(value);
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'value') node.value = String(value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

class AdminError extends Error {
  constructor(status, message, body) { super(message); this.status = status; this.body = body; }
}

/** Calls the admin API with the token as a bearer header; answers the parsed JSON or throws AdminError. */
async function api(method, path, body) {
  const headers = { 'Authorization': 'Bearer ' + (sessionStorage.getItem(TOKEN_KEY) || '') };
  let payload;
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const response = await fetch(path, { method, headers, body: payload, cache: 'no-store', credentials: 'omit' });
  const text = await response.text();
  let data = text;
  try { data = text ? JSON.parse(text) : null; } catch (_) { /* not JSON: keep the text */ }
  const message = data && typeof data === 'object' && typeof data.error === 'string' ? data.error : String(text);
  if (response.status === 401 && message.startsWith('The admin API needs')) {
    showLogin('The admin token was refused: enter it again.');
    throw new AdminError(401, message, data);
  }
  if (!response.ok) throw new AdminError(response.status, message, data);
  return data;
}

function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, value);
  const text = search.toString();
  return text ? '?' + text : '';
}

// ---- Formatting -------------------------------------------------------------------------------------------
function money(amount) {
  if (amount === null || amount === undefined) return '—';
  if (typeof amount === 'object' && 'value' in amount) return amount.value + ' ' + (amount.currency || '');
  return String(amount);
}
function shortTime(text) {
  const match = /T(\d\d:\d\d:\d\d)/.exec(text || '');
  return match ? match[1] : (text || '—');
}
function pretty(text) {
  if (typeof text !== 'string') return JSON.stringify(text, null, 2);
  try { return JSON.stringify(JSON.parse(text), null, 2); } catch (_) { return text; }
}
function badge(text, kind) { return el('span', { class: 'badge ' + (kind || 'plain') }, text); }
function statusBadge(status) {
  if (!status) return badge('no answer', 'bad');
  return badge(String(status), status < 300 ? 'ok' : status < 500 ? 'warn' : 'bad');
}
function verdictBadge(verdict) {
  if (!verdict) return badge('—', 'plain');
  if (verdict.result === 'accepted') return badge('accepted', 'ok');
  // An outbound notification attempt: delivered, rejected or unreachable (docs/notifications.md).
  if (verdict.detail !== undefined) return badge('notify · ' + verdict.result, verdict.result === 'delivered' ? 'ok' : 'bad');
  return badge('rejected' + (verdict.check ? ' · ' + verdict.check : ''), 'bad');
}
function facts(pairs) {
  const list = el('dl', { class: 'facts' });
  for (const [name, value] of pairs) {
    if (value === undefined || value === null || value === '') continue;
    list.append(el('dt', {}, name), el('dd', {}, value instanceof Node ? value : (typeof value === 'object' ? (('value' in value) ? money(value) : JSON.stringify(value)) : String(value))));
  }
  return list;
}
function table(columns, rows, onClick) {
  const body = el('tbody');
  const result = el('table', {}, el('thead', {}, el('tr', {}, columns.map((c) => el('th', {}, c.title)))), body);
  for (const row of rows) {
    const tr = el('tr', onClick ? { class: 'clickable', onclick: () => onClick(row, tr) } : {},
      columns.map((c) => { const v = c.value(row); return el('td', { class: c.class || '' }, v === undefined || v === null ? '—' : v); }));
    body.append(tr);
  }
  if (!rows.length) body.append(el('tr', {}, el('td', { colspan: columns.length, class: 'empty' }, 'Nothing here yet.')));
  return result;
}
function statusLine() { return el('div', { class: 'status' }); }
function say(line, text, kind) { line.className = 'status ' + (kind || ''); line.textContent = text; }
function failure(line, error) {
  const problems = error.body && Array.isArray(error.body.problems) ? error.body.problems : [];
  say(line, (error.status ? error.status + ': ' : '') + error.message +
    problems.map((p) => ' · ' + (p.pointer || '') + ' ' + p.message).join(''), 'error');
}
function card(title, ...children) { return el('section', { class: 'card' }, title ? el('h2', {}, title) : null, children); }
function partnerSelect(value, allowAll) {
  const select = el('select', {}, allowAll ? el('option', { value: '' }, 'all partners') : null,
    state.partners.map((p) => el('option', { value: p.clientId }, p.clientId + ' (' + p.profile + ')')));
  select.value = value || (allowAll ? '' : (state.partners[0] || {}).clientId || '');
  return select;
}
/** The partner a per-partner view shows: the header's choice, or the first partner when it says "all". */
function chosenPartner() { return state.partner || (state.partners[0] || {}).clientId || ''; }
function partnerNote(partner) {
  return el('p', { class: 'lead' }, state.partner ? 'Partner ' : 'Showing the first partner, ',
    el('b', {}, partner), state.partner ? '' : ' (pick another in the header).');
}

// ---- Login, header, routing ----------------------------------------------------------------------------------
function showLogin(message) {
  sessionStorage.removeItem(TOKEN_KEY);
  stopTimers();
  $('login').classList.remove('hidden');
  $('login-status').textContent = message || '';
  $('login-token').focus();
}
async function login(event) {
  event.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, $('login-token').value.trim());
  $('login-token').value = '';
  try {
    await start();
  } catch (error) {
    if (error.status !== 401) $('login-status').textContent = 'Could not reach the simulator: ' + error.message;
  }
}
async function start() {
  const answer = await api('GET', '/_sim/partners');
  state.partners = answer.partners || [];
  if (state.partner && !state.partners.some((p) => p.clientId === state.partner)) state.partner = '';
  const picker = $('partner-picker');
  picker.replaceChildren(el('option', { value: '' }, 'all partners'),
    ...state.partners.map((p) => el('option', { value: p.clientId }, p.clientId)));
  picker.value = state.partner;
  $('login').classList.add('hidden');
  state.view = null;
  route();
}
function every(ms, action) {
  const id = setInterval(action, ms);
  state.timers.push(id);
}
function stopTimers() { state.timers.forEach(clearInterval); state.timers = []; }

async function refreshClock() {
  if (!sessionStorage.getItem(TOKEN_KEY)) return;
  try {
    const clock = await api('GET', '/_sim/clock');
    $('header-clock').textContent = clock.now + ' · ' + clock.mode;
  } catch (_) { /* the login form says why */ }
}

const views = {};
function route() {
  if (!sessionStorage.getItem(TOKEN_KEY)) { showLogin(); return; }
  const [name, ...rest] = (location.hash.slice(1) || 'journal').split('/');
  const view = views[name] ? name : 'journal';
  const argument = rest.length ? decodeURIComponent(rest.join('/')) : null;
  for (const link of document.querySelectorAll('#nav a')) link.classList.toggle('active', link.dataset.view === view);
  if (state.view && state.view.name === view && state.view.select) { state.view.select(argument); return; }
  stopTimers();
  state.render += 1;
  every(2000, refreshClock);
  refreshClock();
  const main = $('view');
  main.replaceChildren();
  state.view = Object.assign({ name: view }, views[view](main, argument, state.render) || {});
}
/** Whether an answer still belongs on screen: the user may have moved to another view meanwhile. */
function current(render) { return render === state.render; }

window.addEventListener('hashchange', route);
$('login-form').addEventListener('submit', login);
$('logout').addEventListener('click', () => { showLogin('Token forgotten.'); });
$('partner-picker').addEventListener('change', (event) => {
  state.partner = event.target.value;
  sessionStorage.setItem(PARTNER_KEY, state.partner);
  state.view = null;
  route();
});
"""#
}
