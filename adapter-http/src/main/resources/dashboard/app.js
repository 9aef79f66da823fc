// callhook's live dashboard: reads everything through /api with the operator's token and follows /api/stream.
// No framework and no build step; every DOM text is set with textContent, never parsed as HTML.
import { deliveriesChart } from './charts.js';

const TOKEN_KEY = 'callhook.apiToken';
const $ = (selector) => document.querySelector(selector);
let token = sessionStorage.getItem(TOKEN_KEY);
let source = null;
let lastEventId = null;
let retryMillis = 1000;
let chart = null;
let openCallId = null;
const campaignsById = new Map();

class AuthError extends Error {
  constructor(code) { super(code); this.code = code; }
}

async function api(path, options = {}) {
  const headers = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { ...options, headers, cache: 'no-store' });
  const body = await response.json().catch(() => ({}));
  if (response.status === 401) throw new AuthError(body.error || 'unauthorized');
  if (!response.ok) throw new Error(body.message || `The server answered ${response.status}.`);
  return body;
}

// ---- small DOM helpers
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'text') node.textContent = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) if (child !== null && child !== undefined) node.append(child);
  return node;
}
const words = (wire) => (wire ?? '—').replaceAll('_', ' ');
const percent = (rate) => `${Math.round(rate * 1000) / 10}%`;
const dollars = (cents) => (cents === null || cents === undefined ? '—' : `$${(Number(cents) / 100).toFixed(2)}`);
function duration(ms) {
  if (ms === null || ms === undefined) return '—';
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m ${seconds % 60}s`;
}
const when = (iso) => (iso ? new Date(iso).toLocaleString() : '');
function showError(message) {
  const box = $('#page-error');
  box.textContent = message;
  box.hidden = !message;
}

// ---- sign-in
function signOut(message) {
  sessionStorage.removeItem(TOKEN_KEY);
  token = null;
  if (source) source.close();
  source = null;
  $('#dashboard').hidden = true;
  $('#sign-out').hidden = true;
  $('#login').hidden = false;
  const error = $('#login-error');
  error.textContent = message || '';
  error.hidden = !message;
  setLive('off', 'Not connected');
  $('#token').focus();
}

function authMessage(code) {
  if (code === 'api_token_missing') {
    return 'This server has no API token configured yet: start it with CALLHOOK_API_TOKEN set, then sign in with that token.';
  }
  return 'That API token was not accepted. Check the value of CALLHOOK_API_TOKEN on the server and try again.';
}

async function open() {
  try {
    await api('/api/organizations?limit=1');
  } catch (e) {
    signOut(e instanceof AuthError ? authMessage(e.code) : `The server could not be reached: ${e.message}`);
    return;
  }
  sessionStorage.setItem(TOKEN_KEY, token);
  $('#login').hidden = true;
  $('#dashboard').hidden = false;
  $('#sign-out').hidden = false;
  chart = chart || deliveriesChart($('#deliveries-chart'));
  await refreshAll();
  connect();
}

// ---- live stream: a fresh single-use ticket per connection, resuming after the last event seen
function setLive(state, text) {
  const status = $('#live-status');
  status.dataset.state = state;
  status.textContent = text;
}

async function connect() {
  if (!token) return;
  setLive('reconnecting', 'Connecting…');
  let ticket;
  try {
    ticket = (await api('/api/stream-tickets', { method: 'POST' })).ticket;
  } catch (e) {
    if (e instanceof AuthError) { signOut(authMessage(e.code)); return; }
    retry();
    return;
  }
  let url = `/api/stream?ticket=${encodeURIComponent(ticket)}`;
  if (lastEventId) url += `&last_event_id=${encodeURIComponent(lastEventId)}`;
  source = new EventSource(url);
  source.addEventListener('ready', (event) => {
    lastEventId = event.lastEventId;
    retryMillis = 1000;
    setLive('live', 'Live');
    refreshAll(); // whatever happened before the stream started is read once, everything after arrives as events
  });
  for (const name of ['call', 'campaign', 'notification', 'activity']) {
    source.addEventListener(name, (event) => {
      lastEventId = event.lastEventId;
      changed(name, JSON.parse(event.data));
    });
  }
  source.addEventListener('health', (event) => renderHealth(JSON.parse(event.data)));
  // EventSource would reconnect with the same (used) ticket: reconnect ourselves with a new one instead
  source.onerror = () => {
    source.close();
    retry();
  };
}

function retry() {
  setLive('reconnecting', 'Reconnecting…');
  setTimeout(connect, retryMillis);
  retryMillis = Math.min(retryMillis * 2, 30000);
}

const pending = new Map();
function later(key, work) {
  clearTimeout(pending.get(key));
  pending.set(key, setTimeout(() => { pending.delete(key); work(); }, 150));
}

function changed(kind, change) {
  if (kind === 'call') {
    later('calls', loadCalls);
    if (openCallId && change.entity_id === openCallId) later('detail', () => showCall(openCallId));
  } else if (kind === 'campaign') {
    later('campaigns', loadCampaigns);
  } else if (kind === 'notification') {
    later('notifications', loadNotifications);
  }
}

async function refreshAll() {
  await Promise.all([loadCampaigns(), loadCalls(), loadNotifications()]);
}

async function guarded(work) {
  try {
    await work();
  } catch (e) {
    if (e instanceof AuthError) signOut(authMessage(e.code));
    else showError(e.message);
  }
}

async function organizations() {
  return (await api('/api/organizations?limit=500')).items;
}

// ---- campaigns
const CONTACT_STATUSES = ['completed', 'failed', 'do_not_call', 'retry_scheduled', 'calling', 'pending'];
const MOVES = {
  draft: [['processing', 'Start'], ['cancelled', 'Cancel']],
  processing: [['paused', 'Pause'], ['cancelled', 'Cancel']],
  paused: [['processing', 'Resume'], ['cancelled', 'Cancel']],
};

function loadCampaigns() {
  return guarded(async () => {
    const orgs = await organizations();
    const lists = await Promise.all(orgs.map((o) => api(`/api/organizations/${o.id}/campaigns?limit=100`)));
    const campaigns = lists.flatMap((l) => l.items);
    campaignsById.clear();
    campaigns.forEach((c) => campaignsById.set(c.id, c));
    const list = $('#campaign-list');
    list.replaceChildren(...(campaigns.length ? campaigns.map(campaignCard) : [el('p', { class: 'empty', text: 'No campaigns yet.' })]));
  });
}

function campaignCard(c) {
  const total = Object.values(c.contacts_by_status).reduce((a, b) => a + b, 0);
  const finished = c.contacts_by_status.completed + c.contacts_by_status.failed + c.contacts_by_status.do_not_call;
  const bar = el('div', { class: 'progress', role: 'img', 'aria-label': `${finished} of ${total} contacts finished` },
    CONTACT_STATUSES.filter((s) => c.contacts_by_status[s] > 0).map((s) => el('span', {
      class: `seg-${s}`, title: `${words(s)}: ${c.contacts_by_status[s]}`,
      style: `width:${(100 * c.contacts_by_status[s]) / total}%`,
    })));
  const outcomes = Object.entries(c.counters.by_outcome).filter(([, n]) => n > 0);
  const most = Math.max(1, ...outcomes.map(([, n]) => n));
  return el('article', { class: 'campaign', id: `campaign-${c.id}`, 'data-campaign-id': c.id, 'data-status': c.status,
    'aria-label': `Campaign ${c.name}` },
  el('h3', {}, el('span', { text: c.name }), el('span', { class: 'badge', 'data-status': c.status, text: words(c.status) })),
  bar,
  el('p', { class: 'progress-text', text: `${finished} of ${total} contacts finished · ${c.counters.processed} calls with an outcome` }),
  el('ul', { class: 'legend', 'aria-label': 'Contacts by status' },
    CONTACT_STATUSES.map((s) => el('li', { 'data-contacts': s }, el('i', { class: `seg-${s}` }), `${words(s)} ${c.contacts_by_status[s]}`))),
  el('ul', { class: 'outcomes', 'aria-label': 'Outcome breakdown' },
    outcomes.length ? outcomes.map(([o, n]) => el('li', { 'data-outcome': o },
      el('span', { text: words(o) }), el('span', { class: 'bar', style: `width:${(100 * n) / most}%`, 'aria-hidden': 'true' }),
      el('span', { text: String(n) }))) : el('li', { class: 'empty', text: 'No outcomes yet.' })),
  el('dl', { class: 'rates' },
    el('div', {}, el('dt', { text: 'Success' }), el('dd', { 'data-rate': 'success', text: percent(c.rates.success) })),
    el('div', {}, el('dt', { text: 'Contact' }), el('dd', { 'data-rate': 'contact', text: percent(c.rates.contact) })),
    el('div', {}, el('dt', { text: 'Voicemail' }), el('dd', { 'data-rate': 'voicemail', text: percent(c.rates.voicemail) })),
    el('div', {}, el('dt', { text: 'Cost' }), el('dd', { 'data-cost': '', text: dollars(c.total_cost_cents) }))),
  el('div', { class: 'actions' }, (MOVES[c.status] || []).map(([target, label]) => el('button', {
    type: 'button', 'data-move': target, 'aria-label': `${label} campaign ${c.name}`, text: label,
    onclick: (event) => move(c, target, event.target),
  }))));
}

function move(campaign, target, button) {
  button.disabled = true;
  return guarded(async () => {
    try {
      await api(`/api/campaigns/${campaign.id}/status`, { method: 'POST', body: JSON.stringify({ status: target }) });
      showError('');
    } finally {
      button.disabled = false;
    }
    await loadCampaigns();
  });
}

// ---- calls
function loadCalls() {
  return guarded(async () => {
    const calls = (await api('/api/calls?limit=25')).items;
    const rows = $('#call-rows');
    const before = new Set([...rows.querySelectorAll('tr[data-call-id]')].map((r) => r.dataset.callId + r.dataset.state));
    rows.replaceChildren(...(calls.length ? calls.map((call) => {
      const campaign = call.campaign_id ? campaignsById.get(call.campaign_id) : null;
      const row = el('tr', { 'data-call-id': call.call_id, 'data-state': call.state, 'data-outcome': call.outcome || '' },
        el('td', {}, el('button', { type: 'button', class: 'link', text: call.call_id,
          'aria-label': `Show call ${call.call_id}`, onclick: () => showCall(call.call_id) })),
        el('td', { text: words(call.state) }),
        el('td', { text: words(call.outcome) }),
        el('td', { text: duration(call.duration_ms) }),
        el('td', { text: dollars(call.cost_cents), title: call.cost_cents === null ? null : `${call.cost_cents} cents` }),
        el('td', {}, call.campaign_id
          ? el('a', { href: `#campaign-${call.campaign_id}`, text: campaign ? campaign.name : 'campaign' }) : '—',
        call.contact_id ? ' · ' : '',
        call.contact_id ? el('button', { type: 'button', class: 'link', text: 'contact',
          'aria-label': `Show the contact of call ${call.call_id}`, onclick: () => showCall(call.call_id) }) : ''));
      if (!before.has(call.call_id + call.state)) row.classList.add('fresh');
      return row;
    }) : [el('tr', { class: 'empty' }, el('td', { colspan: '6', text: 'No calls yet.' }))]));
  });
}

function showCall(callId) {
  openCallId = callId;
  return guarded(async () => {
    const call = await api(`/api/calls/${encodeURIComponent(callId)}`);
    const attempts = call.contact_id ? await api(`/api/contacts/${call.contact_id}/attempts`) : null;
    const campaign = call.campaign_id ? campaignsById.get(call.campaign_id) : null;
    const facts = [
      ['State', words(call.state)], ['Outcome', words(call.outcome)], ['Direction', words(call.direction)],
      ['From', call.from_number], ['To', call.to_number], ['Started', when(call.started_at)], ['Ended', when(call.ended_at)],
      ['Duration', duration(call.duration_ms)], ['Cost', dollars(call.cost_cents)],
      ['Disconnection', words(call.disconnection_reason)], ['Successful', call.successful === null ? '—' : String(call.successful)],
      ['Sentiment', words(call.user_sentiment)], ['Campaign', campaign ? campaign.name : (call.campaign_id || '—')],
    ];
    const links = [['Recording', call.recording_url], ['Retell log', call.public_log_url]].filter(([, u]) => u && /^https:\/\//.test(u));
    const attemptItems = (attempts ? (attempts.items || attempts) : []);
    $('#call-detail-title').textContent = `Call ${call.call_id}`;
    $('#call-detail-body').replaceChildren(
      el('dl', { class: 'rates' }, facts.map(([k, v]) => el('div', {}, el('dt', { text: k }), el('dd', { text: v || '—' })))),
      links.length ? el('p', {}, links.flatMap(([label, url], i) => [i ? ' · ' : '',
        el('a', { href: url, target: '_blank', rel: 'noopener noreferrer', text: label })])) : '',
      attemptItems.length ? el('div', {}, el('h4', { text: 'Attempts to this contact' }),
        el('ol', {}, attemptItems.map((a) => el('li', { text: `${a.call_id}: ${words(a.outcome)} ${when(a.finished_at)}` })))) : '',
      el('h4', { text: 'Summary' }), el('p', { 'data-field': 'summary', text: call.summary || 'No summary yet.' }),
      el('h4', { text: 'Analysis' }), el('pre', { 'data-field': 'analysis', text: call.custom_analysis_data ? JSON.stringify(call.custom_analysis_data, null, 2) : 'No analysis yet.' }),
      el('h4', { text: 'Transcript' }), el('pre', { 'data-field': 'transcript', text: call.transcript || 'No transcript yet.' }));
    $('#call-detail').hidden = false;
  });
}

// ---- notifications
function loadNotifications() {
  return guarded(async () => {
    const orgs = await organizations();
    const lists = await Promise.all(orgs.map((o) => api(`/api/organizations/${o.id}/notifications?limit=100`)));
    const all = lists.flatMap((l) => l.items).sort((a, b) => b.created_at.localeCompare(a.created_at));
    $('#notification-list').replaceChildren(...(all.length ? all.map((n) => el('li', {
      class: n.read ? 'read' : 'unread', 'data-notification-id': n.id, 'data-read': String(n.read),
    }, el('span', {}, n.message, el('time', { datetime: n.created_at, text: when(n.created_at) })),
    n.read ? el('span', { class: 'meta', text: 'read' }) : el('button', {
      type: 'button', text: 'Mark read', 'aria-label': `Mark read: ${n.message}`,
      onclick: (event) => markRead(n, event.target),
    }))) : [el('li', { class: 'empty', text: 'No notifications.' })]));
  });
}

function markRead(notification, button) {
  button.disabled = true;
  return guarded(async () => {
    await api(`/api/organizations/${notification.organization_id}/notifications/${notification.id}/read`, { method: 'POST' });
    await loadNotifications();
  });
}

// ---- webhook health
function renderHealth(health) {
  const sum = (key) => health.minutes.reduce((total, m) => total + m[key], 0);
  for (const key of ['applied', 'duplicate', 'rejected', 'ignored']) {
    document.querySelector(`[data-total="${key}"]`).textContent = String(sum(key));
  }
  for (const [reason, count] of Object.entries(health.signature_failures)) {
    const cell = document.querySelector(`[data-reason="${reason}"]`);
    if (cell) cell.textContent = String(count);
  }
  const ingestion = health.ingestion;
  if (ingestion) {
    const cell = (key) => document.querySelector(`[data-ingestion="${key}"]`);
    cell('pending').textContent = String(ingestion.pending);
    cell('failed').textContent = String(ingestion.failed);
    cell('dead').textContent = String(ingestion.dead);
    cell('dead').classList.toggle('alert', ingestion.dead > 0);
    cell('oldest').textContent = ingestion.oldest_pending_seconds == null ? '–' : `${ingestion.oldest_pending_seconds} s`;
    cell('lag').textContent = ingestion.apply_lag_p50_ms == null ? '–'
      : `${ingestion.apply_lag_p50_ms} ms / ${ingestion.apply_lag_p99_ms} ms`;
  }
  if (chart) chart.update(health);
}

// ---- start
$('#login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  token = $('#token').value.trim();
  $('#token').value = '';
  open();
});
$('#sign-out').addEventListener('click', () => signOut(''));
$('#call-detail-close').addEventListener('click', () => { openCallId = null; $('#call-detail').hidden = true; });
if (token) open(); else $('#token').focus();
