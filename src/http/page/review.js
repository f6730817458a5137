// The review page's script (src/http/page/page.ts serves it). Plain browser JavaScript; the records grid is the typed
// module built from web/ (AG Grid Community, issue 14), served at /web/records-grid.js.
// Everything is read and changed through the JSON API with the key the user typed (kept in sessionStorage, i.e. for
// this tab only). Text from records is only ever inserted as text (never as HTML).

import { mountRecordsGrid, where } from '/web/records-grid.js';
import { exclusionPart, mountMappingView, reasonForm } from '/web/mapping-view.js';

const KEY = 'cpd-import.key';
const CAN_EDIT = new Set(['reviewer', 'staff', 'admin']);
/** Roles that set a member's professional body (PUT /members/:id/body). */
const CAN_SET_BODY = new Set(['staff', 'admin']);
const CAN_UPLOAD = new Set(['member', 'staff', 'admin']);

/** Record fields shown as table columns: [field, heading, hint for the edit box]. */
const FIELDS = [
  ['status', 'Status', 'completed or planned'],
  ['activityName', 'Activity', ''],
  ['activityType', 'Type', 'e.g. Webinar, Course, Reading'],
  ['twaves', 'TWAVES', 'T, W, A, V, E or S'],
  ['startDate', 'Start date', 'day first, e.g. 3 March 2024 or 03/03/2024'],
  ['endDate', 'End date', 'day first, e.g. 3 March 2024 or 03/03/2024'],
  ['targetDate', 'Target date', 'day first, e.g. 30/06/2025'],
  ['hours', 'Hours', 'e.g. 1.5, 1h30, 90 mins'],
  ['skillType', 'Skill type', 'technical-personal, technical-job or soft'],
  ['ukSpec', 'UK-SPEC', 'codes, e.g. A1, B2'],
  ['objective', 'Plan objective', ''],
  ['description', 'Description', ''],
  ['reflection', 'Reflection', 'what was learnt, how it will be applied'],
];
const FIELD_NAMES = Object.fromEntries(FIELDS.map(([f, h]) => [f, h]));
const SEVERITY = {
  error: { icon: '✖', word: 'Error' },
  warning: { icon: '▲', word: 'Warning' },
  info: { icon: '●', word: 'Note' },
};
const OUTCOME = {
  met: { icon: '✔', word: 'Met' },
  not_met: { icon: '✖', word: 'Not met' },
  not_assessable: { icon: '?', word: 'Not assessable' },
};
const CRITERION_TITLES = {
  hours: 'CPD hours',
  twaves: 'Range of TWAVES categories',
  skills: 'Technical and soft skills',
  plan: 'CPD plan',
  plannedHours: 'Planned CPD hours',
  ukSpec: 'UK-SPEC competences',
  reflection: 'Reflections',
  yearPlacement: 'Year of each activity',
};
const STATUS_WORDS = { active: 'professionally active (30 h)', reduced: 'reduced activity (10 h)', inactive: 'not professionally active (0 h)' };

const state = {
  user: null,
  /** Member view: records, review, filter, open detail rows. */
  member: null,
  pollTimer: null,
  /** The professional bodies to choose from (GET /bodies), fetched once for staff and admins. */
  bodies: null,
};

// ---------------------------------------------------------------------------------------------------------------
// small helpers

/** Creates an element: h('td', { class: 'x', onclick: fn, 'aria-label': '…' }, 'text', childNode, …). */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

function announce(text) {
  const el = document.getElementById('announce');
  el.textContent = '';
  setTimeout(() => (el.textContent = text), 30);
}

class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

function key() {
  return sessionStorage.getItem(KEY);
}

/** Calls the API with the key; JSON in and out. Throws ApiError with the API's message. */
async function api(method, path, body) {
  // Signed out (another tab, or a poll that outlived the page it was for): no request without a key.
  if (!key()) throw new ApiError(401, 'unauthorized', 'signed out: open the page with an API key');
  const headers = { Authorization: `Bearer ${key()}` };
  const init = { method, headers };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch(path, init);
  const text = await res.text();
  let data;
  try {
    data = text === '' ? null : JSON.parse(text);
  } catch {
    data = null;
  }
  if (!res.ok) {
    const e = data && data.error ? data.error : { code: 'http_' + res.status, message: `the server answered ${res.status}` };
    if (res.status === 401) signOut(e.message);
    const err = new ApiError(res.status, e.code, e.message);
    if (data && Array.isArray(data.refused)) err.refused = data.refused;
    throw err;
  }
  return data;
}

/** Downloads a file from an API path (the key travels in a header, so a plain link cannot do it). */
async function download(path, fallbackName) {
  const res = await fetch(path, { headers: { Authorization: `Bearer ${key()}` } });
  if (!res.ok) {
    let msg = `the server answered ${res.status}`;
    try {
      msg = (await res.json()).error.message;
    } catch {
      /* not JSON */
    }
    announce(`Download failed: ${msg}`);
    alert(`Download failed: ${msg}`);
    return;
  }
  const blob = await res.blob();
  const cd = res.headers.get('Content-Disposition') ?? '';
  const m = /filename\*=UTF-8''([^;]+)/.exec(cd) ?? /filename="([^"]+)"/.exec(cd);
  const name = m ? decodeURIComponent(m[1]) : fallbackName;
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  announce(`Downloaded ${name}`);
}

/** The calendar year a record counts in: end date's, else start date's, else target date's (as the server). */
function countingYear(r) {
  const d = r.endDate ?? r.startDate ?? r.targetDate;
  return d === null ? null : Number(d.slice(0, 4));
}

function display(v) {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.length === 0 ? null : v.join(', ');
  return String(v);
}

function fmtTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)} UTC`;
}

function gapIcon(g) {
  if (g.code === 'accepted') return '✔';
  if (g.code === 'corrected') return '↺';
  return SEVERITY[g.severity].icon;
}

function gapWord(g) {
  if (g.code === 'accepted') return 'Accepted';
  if (g.code === 'corrected') return 'Corrected';
  return SEVERITY[g.severity].word;
}

// ---------------------------------------------------------------------------------------------------------------
// routing and sign-in

function view() {
  return document.getElementById('view');
}

function setView(...children) {
  const v = view();
  v.replaceChildren(...children);
}

function signOut(message) {
  sessionStorage.removeItem(KEY);
  state.user = null;
  if (state.pollTimer) clearTimeout(state.pollTimer);
  renderWho();
  renderSignIn(message);
}

function renderWho() {
  const who = document.getElementById('who');
  if (!state.user) return who.replaceChildren();
  const u = state.user;
  who.replaceChildren(
    h('span', {}, `Signed in as ${u.name ?? u.role}${u.memberId ? ` (member ${u.memberId})` : ''} — role ${u.role}`),
    h('button', { type: 'button', onclick: () => signOut('Signed out.') }, 'Sign out'),
  );
}

function renderSignIn(message) {
  const err = h('p', { id: 'signin-error', class: message && message !== 'Signed out.' ? 'msg-error' : 'hint', role: 'alert' }, message ?? '');
  const input = h('input', { type: 'password', id: 'key', name: 'key', autocomplete: 'off', required: true, 'aria-describedby': 'key-hint signin-error', size: 50 });
  const form = h(
    'form',
    {
      class: 'panel signin',
      onsubmit: async (ev) => {
        ev.preventDefault();
        sessionStorage.setItem(KEY, input.value.trim());
        try {
          await start();
        } catch (e) {
          err.className = 'msg-error';
          err.textContent = e.message;
        }
      },
    },
    h('div', { class: 'field' }, h('label', { for: 'key' }, 'API key'), input, h('span', { id: 'key-hint', class: 'hint' }, 'The key you were given (cpd-import users add). It is kept in this browser tab only.')),
    h('p', {}, h('button', { type: 'submit', class: 'primary' }, 'Open')),
    err,
  );
  setView(h('h1', {}, 'Sign in'), form);
  input.focus();
}

async function start() {
  const me = await api('GET', '/me');
  state.user = me.user;
  renderWho();
  await route();
}

async function route() {
  if (state.pollTimer) {
    clearTimeout(state.pollTimer);
    state.pollTimer = null;
  }
  if (!state.user) return;
  const hash = location.hash.replace(/^#/, '');
  const m = /^\/members\/([^/]+)(?:\/(\d{4}))?$/.exec(hash);
  const map = /^\/imports\/([0-9a-f-]{36})\/mapping$/.exec(hash);
  const memberDash = /^\/members\/([^/]+)\/dashboard$/.exec(hash);
  const groupDash = /^\/dashboard(?:\/(\d{4})(?:\/([a-z0-9-]+))?)?$/.exec(hash);
  try {
    if (memberDash) await renderMemberDashboard(decodeURIComponent(memberDash[1]));
    else if (groupDash) await renderGroupDashboard(groupDash[1] ? Number(groupDash[1]) : new Date().getFullYear(), groupDash[2]);
    else if (m) await renderMember(decodeURIComponent(m[1]), m[2] ? Number(m[2]) : null);
    else if (map) await renderMapping(map[1]);
    else await renderImports();
  } catch (e) {
    setView(h('h1', {}, 'Cannot show this page'), h('p', { class: 'msg-error', role: 'alert' }, e.message), h('p', {}, h('a', { href: '#/' }, 'Back to the imports')));
  }
  document.getElementById('main').focus({ preventScroll: true });
}

window.addEventListener('hashchange', () => void route());

// ---------------------------------------------------------------------------------------------------------------
// imports list

async function renderImports() {
  const u = state.user;
  const parts = [h('h1', {}, u.role === 'member' ? 'Your CPD imports' : 'CPD imports')];
  if (CAN_UPLOAD.has(u.role)) parts.push(uploadForm());
  if (u.role === 'member') parts.push(h('p', {}, h('a', { href: `#/members/${encodeURIComponent(u.memberId)}` }, 'Open your records and review criteria'), ' · ', h('a', { href: `#/members/${encodeURIComponent(u.memberId)}/dashboard` }, 'Your CPD dashboard')));
  else parts.push(memberForm(), h('p', {}, h('a', { href: '#/dashboard' }, 'Group CPD dashboard (every member, or one body)')));
  const tableHolder = h('div', { id: 'imports' });
  parts.push(h('h2', {}, 'Imports'), tableHolder);
  setView(...parts);
  await refreshImports(tableHolder);
}

/** A member's CPD dashboard, every year (issue 17; web/src/dashboard.ts): charts, each with its numbers as a table. */
async function renderMemberDashboard(memberId) {
  const host = h('div', { class: 'dashboard' });
  setView(host);
  // Loaded when first shown: the charts (Chart.js) are most of its weight, and most visits never open a dashboard.
  const { mountMemberDashboard } = await import('/web/dashboard.js');
  await mountMemberDashboard(host, { api, download, memberId });
}

/** The group dashboard of a year, every member or one body's (issue 17; staff, reviewers, admins). */
async function renderGroupDashboard(year, body) {
  const host = h('div', { class: 'dashboard' });
  setView(host);
  const { mountGroupDashboard } = await import('/web/dashboard.js');
  await mountGroupDashboard(host, {
    api,
    download,
    choice: body ? { year, body } : { year },
    choose: (c) => {
      location.hash = `#/dashboard/${c.year}${c.body ? `/${c.body}` : ''}`;
    },
  });
}

/**
 * "Withdraw…" in an import's row (found trying it: a member looked for it in the list, not in the mapping step): the
 * confirmation with a required reason opens in a row under it; withdrawn, the list is drawn again and it is said.
 */
function openWithdraw(imp, opener, row, holder) {
  if (!row.hidden) return;
  row.hidden = false;
  opener.setAttribute('aria-expanded', 'true');
  const cell = row.firstChild;
  cell.replaceChildren(
    reasonForm({
      id: `withdraw-${imp.importId}`,
      explain: `Withdrawing keeps ${imp.file} and its records, but they no longer count: not in member ${imp.memberId}'s year, the review criteria or the exports. The same file may be uploaded again.`,
      label: `Why is ${imp.file} withdrawn?`,
      confirm: 'Withdraw import',
      act: async (reason) => {
        await api('DELETE', `/imports/${imp.importId}`, { reason });
        announce(`Withdrawn: ${imp.file}. Its records no longer count in member ${imp.memberId}'s year.`);
        await refreshImports(holder);
      },
      cancelled: () => {
        row.hidden = true;
        opener.setAttribute('aria-expanded', 'false');
        opener.focus();
      },
    }),
  );
  cell.querySelector('input')?.focus();
}

/** The mapping view of one import (issue 11 §5; web/src/mapping-view.ts): correct and re-read it, or withdraw it. */
async function renderMapping(importId) {
  const host = h('div', { class: 'mapping-view' });
  setView(host);
  await mountMappingView(host, {
    api,
    importId,
    role: state.user.role,
    withdrawn: (imp) => {
      location.hash = '#/';
      announce(`Withdrawn: ${imp.file}. Its records no longer count in member ${imp.memberId}'s year.`);
    },
  });
}

function uploadForm() {
  const u = state.user;
  const msg = h('p', { id: 'upload-msg', role: 'status' });
  const file = h('input', { type: 'file', id: 'upload-file', name: 'file', multiple: true, required: true, accept: '.csv,.tsv,.txt,.xlsx,.xlsm,.docx,.pdf,.png,.jpg,.jpeg,.html,.htm,.mht,.mhtml,.eml,.msg,.zip,.doc,.xls,.rtf,.odt,.ods' });
  const member = u.role === 'member' ? null : h('input', { type: 'text', id: 'upload-member', name: 'memberId', required: true, pattern: '[A-Za-z0-9._\\-]{1,64}', size: 16 });
  const form = h(
    'form',
    {
      class: 'panel',
      'aria-labelledby': 'upload-title',
      onsubmit: async (ev) => {
        ev.preventDefault();
        const fd = new FormData();
        if (member) fd.append('memberId', member.value.trim());
        for (const f of file.files) fd.append('file', f, f.name);
        msg.className = '';
        msg.textContent = 'Uploading…';
        try {
          const out = await api('POST', '/imports', fd);
          msg.className = 'msg-ok';
          msg.textContent = `Uploaded: ${out.imports.map((i) => `${i.file} (${i.status})`).join(', ')}. The list below updates while the import runs.`;
          form.reset();
          await refreshImports(document.getElementById('imports'));
        } catch (e) {
          msg.className = 'msg-error';
          msg.textContent = `Upload failed: ${e.message}`;
        }
      },
    },
    h('h2', { id: 'upload-title' }, 'Upload a CPD log'),
    h(
      'div',
      { class: 'row' },
      h('div', { class: 'field' }, h('label', { for: 'upload-file' }, 'CPD log file(s)'), file, h('span', { class: 'hint' }, 'XLSX, CSV, Word, PDF, a scan, a web page, an e-mail (.eml, .msg) or a zip; .doc, .xls, .rtf, .odt, .ods where the service has LibreOffice')),
      member ? h('div', { class: 'field' }, h('label', { for: 'upload-member' }, 'Member id'), member) : null,
      h('button', { type: 'submit', class: 'primary' }, 'Upload'),
    ),
    msg,
  );
  return form;
}

function memberForm() {
  const id = h('input', { type: 'text', id: 'open-member', required: true, pattern: '[A-Za-z0-9._\\-]{1,64}', size: 16 });
  const year = h('input', { type: 'text', id: 'open-year', inputmode: 'numeric', pattern: '\\d{4}', size: 6, value: String(new Date().getUTCFullYear() - 1) });
  return h(
    'form',
    {
      class: 'panel',
      'aria-labelledby': 'open-title',
      onsubmit: (ev) => {
        ev.preventDefault();
        location.hash = `#/members/${encodeURIComponent(id.value.trim())}/${year.value.trim()}`;
      },
    },
    h('h2', { id: 'open-title' }, "Open a member's records"),
    h(
      'div',
      { class: 'row' },
      h('div', { class: 'field' }, h('label', { for: 'open-member' }, 'Member id'), id),
      h('div', { class: 'field' }, h('label', { for: 'open-year' }, 'Year'), year),
      h('button', { type: 'submit' }, 'Open'),
    ),
  );
}

/** A column or label kept in extras, as named in its unmapped warning: `B "Provider"`, or `"Venue"` for a label. */
function unmappedName(g) {
  const col = /\bcolumn (\S+) "/.exec(g.message);
  return col ? `${col[1]} "${g.raw || ''}"` : `"${g.raw || ''}"`;
}

/** The status class of an upload by what became of its parts (`partsOutcome.status`). */
const OUTCOME_CLASS = { reading: 'processing', done: 'done', partly_failed: 'failed', failed: 'failed' };

/** Formats of an upload that held other files (issue 15): its parts are imports of their own, listed beneath it. */
const CONTAINERS = new Set(['eml', 'msg', 'zip']);
const CONTAINER_WORDS = { eml: 'e-mail', msg: 'Outlook message', zip: 'zip' };

/**
 * The imports list: each upload a row; an e-mail or zip upload with its parts beneath it (in their order in the upload,
 * from `GET /imports/:id`), each part with its own status, records, gaps and links. Polls while anything is unread.
 */
async function refreshImports(holder) {
  if (!holder || !holder.isConnected) return;
  const { imports } = await api('GET', '/imports');
  if (!holder.isConnected) return;
  if (imports.length === 0) {
    holder.replaceChildren(h('p', { class: 'empty' }, 'No imports yet.'));
    return;
  }
  const containers = imports.filter((i) => !i.parent && CONTAINERS.has(i.format));
  const views = new Map(await Promise.all(containers.map(async (c) => [c.importId, await api('GET', `/imports/${c.importId}`)])));
  const partsOf = new Map([...views].map(([id, v]) => [id, v.parts ?? []]));
  if (!holder.isConnected) return;
  const rows = [];
  for (const imp of imports) {
    // A part is drawn beneath its upload; one whose upload is not in this list (an older page) stands alone.
    if (imp.parent && partsOf.has(imp.parent)) continue;
    const parts = partsOf.get(imp.importId) ?? [];
    rows.push(...importRow(imp, null, parts.length, holder, views.get(imp.importId)?.partsOutcome ?? null));
    for (const part of parts) rows.push(...importRow(part, imp, 0, holder));
  }
  const uploads = imports.filter((i) => !(i.parent && partsOf.has(i.parent))).length;
  const partCount = imports.length - uploads;
  holder.replaceChildren(
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'imports' },
        h('caption', {}, `${uploads} ${uploads === 1 ? 'upload' : 'uploads'}${partCount > 0 ? ` (e-mails and zips with their ${partCount} ${partCount === 1 ? 'part' : 'parts'} beneath them)` : ''}, newest first`),
        h('thead', {}, h('tr', {}, ['File', 'Member', 'Uploaded', 'Status', 'Records', 'With gaps', 'Gaps', 'Open'].map((t) => h('th', { scope: 'col', class: t === 'Records' || t === 'With gaps' ? 'num' : null }, t)))),
        h('tbody', {}, rows),
      ),
    ),
  );
  if (state.pollTimer) clearTimeout(state.pollTimer);
  state.pollTimer = null;
  const unread = (i) => i.status === 'queued' || i.status === 'processing';
  if (imports.some(unread) || [...partsOf.values()].some((ps) => ps.some(unread))) {
    // One poll loop at a time (an upload refreshes the list while a poll may be waiting).
    state.pollTimer = setTimeout(() => void refreshImports(holder).catch(() => undefined), 1000);
  }
}

/**
 * One row of the imports list: an import (`parent` null; `partCount` parts beneath it when it held other files) or a
 * part of the upload `parent` (indented, named by its path inside the upload); and the row beneath it where its
 * withdrawal is confirmed (hidden until "Withdraw…"). `holder` is the list, drawn again once it is withdrawn. An
 * upload's status is what became of its parts (`outcome`, `partsOutcome` of `GET /imports/:id`: "done — 1 of 1 part
 * failed"), not its own `done`.
 */
function importRow(imp, parent, partCount, holder, outcome = null) {
  const s = imp.summary;
  const container = CONTAINERS.has(imp.format);
  // The records' gaps and the file's own (a note that the file is no CPD log, a column left out): all shown here.
  const count = (sev) => s.gaps[sev] + (imp.fileGaps || []).filter((g) => g.severity === sev).length;
  const gaps = s && !container
    ? h(
        'td',
        { class: 'counts' },
        h('span', { title: 'errors (records and file)' }, `✖ ${count('error')}`, h('span', { class: 'sr-only' }, ' errors')),
        h('span', { title: 'warnings (records and file)' }, `▲ ${count('warning')}`, h('span', { class: 'sr-only' }, ' warnings')),
        h('span', { title: 'notes (records and file)' }, `● ${count('info')}`, h('span', { class: 'sr-only' }, ' notes')),
      )
    : h('td', { class: 'empty' }, '—');
  const status =
    imp.withdrawn ? `withdrawn${imp.withdrawn.by ? ` by ${imp.withdrawn.by.name ?? imp.withdrawn.by.role}` : ''}${imp.withdrawn.reason ? `: ${imp.withdrawn.reason}` : ''}`
    : imp.status === 'failed' ? `failed: ${imp.error ? imp.error.message : ''}`
    : imp.status === 'processing' ? `processing ${imp.progress}%`
    : imp.supersededBy ? 'done — replaced by a later upload of the same file'
    : outcome && imp.status === 'done' ? outcome.words
    : imp.status;
  const statusClass = imp.withdrawn ? 'withdrawn' : outcome && imp.status === 'done' ? OUTCOME_CLASS[outcome.status] : imp.status;
  const done = imp.status === 'done';
  const note = (g) => h('p', { class: `file-note ${g.severity}` }, `${SEVERITY[g.severity].icon} ${SEVERITY[g.severity].word}: ${g.message}`);
  // A file read but holding no activity (no CPD log at all: a certificate, a form, code…) says why, as a note; so
  // does a file LibreOffice converted first, and an e-mail or zip (what it held).
  const notes = done ? (imp.fileGaps || []).filter((g) => g.code === 'no_activities' || g.code === 'converted' || g.code === 'parts').map(note) : [];
  // Columns (or labels) holding values that map to no record field: named, so none is dropped quietly (issue 9).
  // A column left out by a mapping on purpose is a note, said apart from those the tool could not place.
  const unmapped = done ? (imp.fileGaps || []).filter((g) => g.code === 'unmapped' && g.severity === 'warning') : [];
  const leftOut = done ? (imp.fileGaps || []).filter((g) => g.code === 'unmapped' && g.severity === 'info' && / left out by /.test(g.message)) : [];
  const unmappedNote = [
    unmapped.length > 0 ? h('p', { class: 'file-note warning', title: unmapped.map((g) => g.message).join('\n') }, `${SEVERITY.warning.icon} ${SEVERITY.warning.word}: kept in extras, no record field: ${unmapped.map(unmappedName).join(', ')}`) : null,
    leftOut.length > 0 ? h('p', { class: 'file-note info', title: leftOut.map((g) => g.message).join('\n') }, `${SEVERITY.info.icon} ${SEVERITY.info.word}: left out by the mapping, kept in extras: ${leftOut.map(unmappedName).join(', ')}`) : null,
  ];
  // Read with a remembered mapping (issue 11 §3): who saved it and when.
  const templateNotes = done ? (imp.fileGaps || []).filter((g) => g.code === 'template').map(note) : [];
  const name = parent
    ? [h('span', { class: 'part-mark', 'aria-hidden': 'true' }, '↳ '), h('span', { class: 'sr-only' }, `Part of ${parent.file}: `), imp.file]
    : container ? [imp.file, h('span', { class: 'kind' }, ` (${CONTAINER_WORDS[imp.format]})`)] : imp.file;
  const original = parent ? `the part ${imp.file} of ${parent.file}` : `the original file ${imp.file}`;
  // A part that could not be taken out of its upload (a zip slip path, nested too deep) has no file of its own.
  const ownFile = !parent || imp.sha256 !== parent.sha256;
  // Withdrawing is for the member who uploaded and for staff and admins (reviewers judge, they do not take uploads back).
  const mayWithdraw = !imp.withdrawn && !container && done && state.user.role !== 'reviewer';
  const withdrawRow = h('tr', { class: 'withdraw-row', hidden: true }, h('td', { colspan: '8' }));
  const withdrawButton = mayWithdraw
    ? h('button', { type: 'button', class: 'link', 'data-withdraw': imp.importId, 'aria-label': `Withdraw ${imp.file}…`, 'aria-expanded': 'false' }, 'Withdraw…')
    : null;
  if (withdrawButton) withdrawButton.addEventListener('click', () => openWithdraw(imp, withdrawButton, withdrawRow, holder));
  // An export of records there are none of, or that count nowhere, is not offered.
  const exportable = done && !container && !imp.withdrawn && s && s.records > 0;
  const row = h(
    'tr',
    { 'data-import': imp.importId, 'data-parent': parent ? parent.importId : null, class: [imp.withdrawn ? 'withdrawn' : '', parent ? 'part' : '', partCount > 0 ? 'has-parts' : ''].join(' ').trim() || null },
    h('th', { scope: 'row' }, name),
    h('td', {}, imp.memberId),
    h('td', {}, fmtTime(imp.createdAt)),
    h('td', { class: `status-${statusClass}` }, status, notes, unmappedNote, templateNotes),
    h('td', { class: 'num' }, s && !container ? String(s.records) : '—'),
    h('td', { class: 'num' }, s && !container ? String(s.recordsWithGaps) : '—'),
    gaps,
    h(
      'td',
      {},
      done && !container && !imp.withdrawn ? h('a', { href: `#/members/${encodeURIComponent(imp.memberId)}`, 'aria-label': `Records of member ${imp.memberId} (${imp.file})` }, 'Records') : null,
      ' ',
      done && !container ? [h('a', { href: `#/imports/${imp.importId}/mapping`, 'aria-label': `Mapping of ${imp.file}${imp.withdrawn ? '' : ' (correct it, or withdraw the import)'}` }, 'Mapping'), ' '] : null,
      ownFile ? h('button', { type: 'button', class: 'link', onclick: () => download(`/imports/${imp.importId}/file`, imp.file.split('/').pop()), 'aria-label': `Download ${original}` }, parent ? 'File' : 'Original file') : null,
      exportable ? [' ', h('button', { type: 'button', class: 'link', onclick: () => download(`/imports/${imp.importId}/export.xlsx`, 'records.xlsx'), 'aria-label': `Export the records of ${imp.file} as XLSX` }, 'XLSX')] : null,
      withdrawButton ? [' ', withdrawButton] : null,
    ),
  );
  return [row, withdrawRow];
}

// ---------------------------------------------------------------------------------------------------------------
// a member's records for a year (the records grid, built from web/ — issue 14), criteria, details of a record

/** Records asked for first (drawn at once), then the rest of the year in pages of PAGE in the background. */
const FIRST_PAGE = 200;
const PAGE = 5000;

function memberPath(memberId) {
  return `/members/${encodeURIComponent(memberId)}`;
}

async function renderMember(memberId, yearAsked) {
  const opened = performance.now();
  const { years } = await api('GET', `${memberPath(memberId)}/years`);
  let year = yearAsked;
  if (year === null) {
    // The year with the most completed activities (the latest of equals): the year the log is about.
    const best = years.filter((y) => y.year !== null && y.completed > 0).sort((a, b) => b.completed - a.completed || b.year - a.year)[0];
    year = best ? best.year : new Date().getUTCFullYear() - 1;
    history.replaceState(null, '', `#${memberPath(memberId)}/${year}`);
  }
  const prev = state.member && state.member.memberId === memberId ? state.member : null;
  if (prev?.grid) prev.grid.destroy();
  const first = await api('GET', `${memberPath(memberId)}/records?year=${year}&undated=true&limit=${FIRST_PAGE}`);
  const m = { memberId, year, years, records: first.records, total: first.total, review: null, detailsId: null, grid: null, flash: null, pendingJump: prev ? prev.pendingJump : null, loaded: first.next === null };
  state.member = m;
  drawMember();
  // Time to first rows, for the browser test's log (issue 14: a 45,000-record year opens in under 2 s).
  document.getElementById('records')?.setAttribute('data-first-rows-ms', String(Math.round(performance.now() - opened)));
  void loadReview(m);
  void loadRest(m, first.next);
}

/** The rest of the year, page after page, added to the grid as it comes. */
async function loadRest(m, next) {
  let url = next;
  while (url !== null && state.member === m) {
    const u = new URL(url, location.origin);
    u.searchParams.set('limit', String(PAGE));
    const page = await api('GET', u.pathname + u.search);
    if (state.member !== m) return;
    m.records.push(...page.records);
    m.grid.append(withFindings(page.records));
    url = page.next;
  }
  m.loaded = true;
  document.getElementById('records')?.setAttribute('data-loaded', 'true');
  if (m.pendingJump) jumpToLoaded(m.pendingJump);
}

/** The review criteria for the year: drawn when they come; weak reflections then marked in the grid. */
async function loadReview(m, focusSelector, message) {
  try {
    m.review = await api('GET', `${memberPath(m.memberId)}/review?year=${m.year}`);
    if (CAN_SET_BODY.has(state.user.role) && !state.bodies) state.bodies = (await api('GET', '/bodies')).bodies;
  } catch (e) {
    document.getElementById('criteria-holder')?.replaceChildren(h('p', { class: 'msg-error', role: 'alert' }, e.message));
    return;
  }
  if (state.member !== m) return;
  document.getElementById('criteria-holder')?.replaceChildren(criteriaPanel());
  const weak = (m.review.review.criteria.reflection?.figures.weak ?? []).map((x) => x.id);
  if (weak.length > 0) m.grid.update(withFindings(m.records.filter((r) => weak.includes(r.id))));
  if (focusSelector) document.querySelector(focusSelector)?.focus();
  if (message) announce(message);
}

/** Records with the criteria's findings about their reflection (weak) added as gaps, as the grid shows them. */
function withFindings(records) {
  if (!state.member?.review) return records;
  return records.map((r) => {
    const extra = reflectionFindings(r);
    return extra.length === 0 ? r : { ...r, gaps: [...r.gaps, ...extra] };
  });
}

async function reloadMember(focusSelector, message) {
  await loadReview(state.member, focusSelector, message);
}

/** After a correction, bulk fix, acceptance or undo: the records in place, the notice, the criteria again, the details. */
async function recordsChanged(records, message, problems) {
  const m = state.member;
  for (const r of records) {
    const i = m.records.findIndex((x) => x.id === r.id);
    if (i >= 0) m.records[i] = r;
  }
  m.grid.update(withFindings(records));
  m.flash = problems ? { n: problems.record.n, heading: problems.heading, problems: problems.problems } : null;
  document.getElementById('flash-holder')?.replaceChildren(...[flashNotice()].filter(Boolean));
  if (m.detailsId !== null && records.some((r) => r.id === m.detailsId)) openDetails(m.detailsId, false);
  await loadReview(m);
  announce(message);
}

function drawMember() {
  const m = state.member;
  const years = new Set(m.years.map((y) => y.year).filter((y) => y !== null));
  years.add(m.year);
  // Choosing a year does not navigate by itself (WCAG 3.2.2: arrowing through the list loaded each year); "Show" does.
  const yearSelect = h('select', { id: 'year' }, [...years].sort((a, b) => b - a).map((y) => h('option', { value: String(y), selected: y === m.year }, String(y))));
  const yearForm = h(
    'form',
    {
      class: 'row',
      onsubmit: (ev) => {
        ev.preventDefault();
        location.hash = `#${memberPath(m.memberId)}/${yearSelect.value}`;
      },
    },
    h('div', { class: 'field' }, h('label', { for: 'year' }, 'Year'), yearSelect),
    h('button', { type: 'submit' }, 'Show'),
  );
  setView(
    h('p', {}, h('a', { href: '#/' }, '← All imports')),
    h('h1', {}, `Member ${m.memberId} — CPD year ${m.year}`),
    h('p', {}, h('a', { href: `#${memberPath(m.memberId)}/dashboard` }, 'CPD dashboard: every year in charts')),
    h(
      'div',
      { class: 'row' },
      yearForm,
      h('div', {}, h('span', { class: 'hint' }, 'Export the records of this year: '), ['xlsx', 'csv', 'json'].map((f) => [h('button', { type: 'button', class: 'link', onclick: () => download(`${memberPath(m.memberId)}/export.${f}?year=${m.year}`, `${m.memberId}-${m.year}.${f}`) }, f.toUpperCase()), ' '])),
    ),
    h('div', { id: 'criteria-holder' }, h('p', { class: 'hint' }, 'Loading the review criteria…')),
    recordsSection(),
  );
  mountGrid();
}


// ---- criteria ----

function criteriaPanel() {
  const m = state.member;
  const { review, activityStatus, body, period } = m.review;
  const canEdit = CAN_EDIT.has(state.user.role);
  const o = OUTCOME[review.overall];
  // The member's body (issue 16 §3): the IET's annual review keys its criteria by name; another body lists them, each with its rule.
  const listed = Array.isArray(review.criteria);
  const bodyLine = [
    h('p', { class: 'body', id: 'review-body' }, `Professional body: ${body.name}${body.source === 'default' ? ' (the service\'s default; staff set a member\'s body)' : ''}. Period reviewed: ${period.label}${period.year === undefined ? ` (${period.from} to ${period.to})` : ''}.`),
    CAN_SET_BODY.has(state.user.role) && state.bodies ? bodyForm(body) : null,
  ];
  if (listed) {
    return h(
      'section',
      { class: 'panel', 'aria-labelledby': 'criteria-title', id: 'criteria', 'data-body': body.id },
      h('h2', { id: 'criteria-title' }, `${body.name}: review criteria for ${period.label}`),
      bodyLine,
      h('p', { class: 'overall' }, h('span', { class: `badge ${review.overall}` }, `${o.icon} ${o.word}`), `overall — ${review.counts.completed} completed activities count in ${period.label}; ${review.counts.undated} undated, ${review.counts.otherPeriods} outside it.`),
      h('ul', { class: 'criteria' }, review.criteria.map((c) => criterionItem(c.key, c, c.title))),
    );
  }
  const statusPart = canEdit ? statusForm(activityStatus) : h('p', {}, `Activity status for ${m.year}: ${STATUS_WORDS[activityStatus.value]}${activityStatus.source === 'default' ? ' (default)' : ''}.`);
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'criteria-title', id: 'criteria', 'data-body': body.id },
    h('h2', { id: 'criteria-title' }, `Review criteria for ${m.year}`),
    bodyLine,
    h('p', { class: 'overall' }, h('span', { class: `badge ${review.overall}` }, `${o.icon} ${o.word}`), `overall — ${review.counts.completed} completed and ${review.counts.planned} planned activities count in ${m.year}; ${review.counts.undated} undated, ${review.counts.otherYears} in other years.`),
    otherYearsList(review),
    statusPart,
    h('ul', { class: 'criteria' }, Object.entries(review.criteria).map(([k, c]) => criterionItem(k, c))),
  );
}

/** Staff and admins: choose the member's professional body (or the default), saved with PUT /members/:id/body and the criteria reloaded. */
function bodyForm(body) {
  const m = state.member;
  const def = state.bodies.find((b) => b.default);
  const sel = h(
    'select',
    { id: 'member-body' },
    h('option', { value: '', selected: body.source === 'default' }, `The default (${def ? def.name : 'the service\'s'})`),
    state.bodies.map((b) => h('option', { value: b.id, selected: body.source === 'member' && b.id === body.id }, `${b.name} — ${b.period}`)),
  );
  const msg = h('span', { role: 'status' });
  return h(
    'form',
    {
      class: 'row',
      id: 'body-form',
      onsubmit: async (ev) => {
        ev.preventDefault();
        try {
          const out = await api('PUT', `${memberPath(m.memberId)}/body`, { body: sel.value === '' ? null : sel.value });
          await reloadMember('#member-body', `Professional body set to ${out.body.name}; criteria updated.`);
        } catch (e) {
          msg.className = 'msg-error';
          msg.textContent = e.message;
        }
      },
    },
    h('div', { class: 'field' }, h('label', { for: 'member-body' }, 'Professional body'), sel),
    h('button', { type: 'submit' }, 'Save body'),
    msg,
  );
}

/** The member's records counted in other years that carry errors, each with a link to its year (trial finding 2). */
function otherYearsList(review) {
  const list = review.criteria.yearPlacement?.figures.otherYearsWithErrors ?? [];
  if (list.length === 0) return null;
  return h(
    'div',
    { class: 'notice', id: 'other-years' },
    h('p', {}, h('strong', {}, `${list.length === 1 ? '1 record' : `${list.length} records`} with errors ${list.length === 1 ? 'is' : 'are'} counted in other years`), ' — check whether they belong to this year:'),
    h('ul', {}, list.map((ref) => {
      const y = otherYearOf(ref.id);
      return h('li', {}, `${ref.activityName ?? '(no name)'} (${ref.where}): ${ref.note ?? ''} `, h('a', { href: y !== null ? `#/members/${encodeURIComponent(state.member.memberId)}/${y}` : `#rec-${ref.id}`, onclick: (ev) => jumpTo(ev, ref.id) }, `Open ${y ?? 'its year'}`));
    })),
  );
}

function statusForm(activityStatus) {
  const m = state.member;
  const sel = h('select', { id: 'activity-status' }, Object.entries(STATUS_WORDS).map(([v, w]) => h('option', { value: v, selected: v === activityStatus.value }, w)));
  const note = h('input', { type: 'text', id: 'status-note', size: 30, value: activityStatus.note ?? '' });
  const msg = h('span', { role: 'status' });
  return h(
    'form',
    {
      class: 'row',
      onsubmit: async (ev) => {
        ev.preventDefault();
        try {
          await api('PUT', `/members/${encodeURIComponent(m.memberId)}/years/${m.year}`, { activityStatus: sel.value, note: note.value });
          await reloadMember('#activity-status', `Activity status set to ${STATUS_WORDS[sel.value]}; criteria updated.`);
        } catch (e) {
          msg.className = 'msg-error';
          msg.textContent = e.message;
        }
      },
    },
    h('div', { class: 'field' }, h('label', { for: 'activity-status' }, `Activity status in ${m.year}`), sel),
    h('div', { class: 'field' }, h('label', { for: 'status-note' }, 'Note (e.g. retired in 2023)'), note),
    h('button', { type: 'submit' }, 'Save status'),
    h('span', { class: 'hint' }, activityStatus.source === 'default' ? 'Not set: professionally active by default.' : `Set ${fmtTime(activityStatus.setAt)}.`),
    msg,
  );
}

const FIGURE_LABELS = {
  activityStatus: 'Activity status', required: 'Required', completedHours: 'Completed hours', activities: 'Activities', withoutHours: 'Without hours',
  doubtfulHours: 'Hours on duplicates', undated: 'Without a date', hours: 'Hours', covered: 'Covered', minCategories: 'Needed', uncategorised: 'No category',
  suggested: 'Suggested', unclassifiedHours: 'Hours without a skill type', unclassified: 'Activities without a skill type', planEntries: 'Planned entries',
  objectives: 'Objectives', related: 'Related to the plan', percent: 'Share (%)', minPercent: 'Needed (%)', unrelated: 'Not related to the plan',
  plannedHours: 'Planned hours', relatedCompletedHours: 'Done against the plan (h)', openPlannedHours: 'Planned for the year, not yet due (h)', missedPlannedHours: 'Target passed, not done (h)', missed: 'Missed plan entries',
  laterPlannedHours: 'Forward plan (h)', linked: 'With UK-SPEC codes', areasCovered: 'Areas covered', areasMissing: 'Areas missing', codes: 'Codes',
  good: 'Good reflections', missing: 'Missing', weak: 'Weak', minWords: 'Word minimum', spanningCountedHere: 'Started earlier, counted here',
  spanningCountedLater: 'Counted in a later year', dateErrors: 'Impossible dates, not counted', otherYearsWithErrors: 'Records with errors in other years',
};

/**
 * Labels of another body's figures (src/review/rulesets/engine.ts), over FIGURE_LABELS: the same names there mean
 * other things (an NMC criterion's `unclassified` activities do not say whether they are participatory; they are no
 * IET skill type).
 */
const BODY_FIGURE_LABELS = {
  unclassifiedHours: 'Hours on activities that do not say', unclassified: 'Activities that do not say', otherHours: 'Hours of the other kind',
  fromColumns: 'Activities read from the log\'s hours columns', class: 'Kind', topic: 'Topic', tagged: 'Activities on the topic', inferred: 'Inferred from the name (confirm)',
  topics: 'Topics', minActivities: 'Needed on each', missing: 'Missing', categories: 'Types that count', notCounted: 'Of another type, not counted', untyped: 'Type not stated',
  from: 'From', to: 'To', points: 'Points', readFrom: 'Read from', outOfRange: 'Outside the points range', withoutPoints: 'Without points',
  uncappedHours: 'Hours before the caps', caps: 'Caps', notInLog: 'Not in the log', fields: 'Asked of each activity', lacking: 'Lacking', gaps: 'Gaps', months: 'Months', min: 'Needed',
};

/** A figure's value; `kind` is another body's criterion kind (its points are no hours). */
function figureValue(key, v, kind, labels = FIGURE_LABELS) {
  if (Array.isArray(v)) {
    if (v.length === 0) return h('span', { class: 'empty' }, 'none');
    if (typeof v[0] === 'object' && v[0] !== null && !('where' in v[0]) && !('id' in v[0])) {
      // Another body's figures such as topics or caps: one line of "name value" pairs per entry.
      return h('span', {}, v.map((x, i) => [i > 0 ? '; ' : '', Object.entries(x).filter(([, y]) => !Array.isArray(y) || y.length > 0).map(([k, y]) => `${labels[k] ?? k} ${Array.isArray(y) ? y.length : y}`).join(', ')]));
    }
    if (typeof v[0] === 'object') {
      return h('span', {}, v.map((ref, i) => [i > 0 ? '; ' : '', ref.id ? h('a', { href: `#rec-${ref.id}`, onclick: (ev) => jumpTo(ev, ref.id) }, ref.activityName ?? '(no name)', key === 'otherYearsWithErrors' ? ` — open ${otherYearOf(ref.id) ?? 'its year'}` : '') : ref.activityName ?? '(no name)', ref.note ? ` (${ref.note})` : '']));
    }
    return v.join(', ');
  }
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v);
    return entries.length === 0 ? h('span', { class: 'empty' }, 'none') : entries.map(([k, x]) => `${k} ${x}`).join(' · ');
  }
  if (typeof v === 'number' && /hours|Hours|required|suggested/.test(key) && key !== 'unclassified' && kind !== 'points') return `${v} h`;
  return String(v);
}

function otherYearOf(id) {
  const rec = state.member.records.find((x) => x.id === id);
  return rec ? countingYear(rec) : null;
}

function jumpTo(ev, id) {
  ev.preventDefault();
  const m = state.member;
  if (m.grid?.row(id)) return jumpToLoaded(id);
  // A record not in this year's grid (e.g. a "completed" activity dated 2027 in a 2024 log): open its year at it.
  void api('GET', `/records/${id}`).then(({ record }) => {
    const y = countingYear(record);
    if (y !== null && y !== m.year) {
      m.pendingJump = id;
      location.hash = `#${memberPath(m.memberId)}/${y}`;
    } else if (!m.loaded) m.pendingJump = id;
  }, (e) => announce(e.message));
}

/** One criterion: its outcome, title (an IET criterion's from CRITERION_TITLES, another body's as the API gives it), summary, figures and rule. */
function criterionItem(key, c, title) {
  const o = OUTCOME[c.outcome];
  const titleId = `crit-${key.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const labels = c.kind === undefined ? FIGURE_LABELS : { ...FIGURE_LABELS, ...BODY_FIGURE_LABELS };
  return h(
    'li',
    { class: `crit ${c.outcome}`, 'aria-labelledby': titleId, 'data-criterion': key },
    h('h3', { id: titleId }, h('span', { class: `badge ${c.outcome}` }, `${o.icon} ${o.word}`), title ?? CRITERION_TITLES[key] ?? key),
    h('p', {}, c.summary),
    h(
      'details',
      {},
      h('summary', {}, 'Figures and rule'),
      h('dl', {}, Object.entries(c.figures).map(([k, v]) => [h('dt', {}, labels[k] ?? k), h('dd', {}, figureValue(k, v, c.kind, labels))])),
      h('p', { class: 'source' }, `Rule: ${c.source}`),
    ),
  );
}

// ---- records grid and details ----

function recordsSection() {
  const m = state.member;
  const canEdit = CAN_EDIT.has(state.user.role);
  const host = h('div', { class: 'grid-host' });
  const section = h(
    'section',
    { 'aria-labelledby': 'records-title' },
    h('h2', { id: 'records-title' }, `Records counted in ${m.year}`),
    h('p', { class: 'hint' }, `${m.total} records. Records with no date at all are listed under every year until a date is corrected. ${canEdit ? 'Edit a value in its cell (a reason is asked); select rows for a bulk fix; open a record (Enter on its first column) to accept a gap or read the audit trail.' : 'Open a record (Enter on its first column) for its details and audit trail.'}`),
    h('div', { id: 'flash-holder' }, flashNotice()),
    h(
      'p',
      { class: 'legend', 'aria-label': 'Legend' },
      h('span', {}, h('span', { class: 'gap-marker error' }, '✖'), 'error'),
      h('span', {}, h('span', { class: 'gap-marker warning' }, '▲'), 'warning'),
      h('span', {}, h('span', { class: 'gap-marker info' }, '●'), 'note'),
      h('span', {}, h('span', { class: 'gap-marker info' }, '✔'), 'accepted'),
      h('span', {}, h('span', { class: 'gap-marker info' }, '↺'), 'corrected'),
    ),
    host,
    h('div', { id: 'details-holder' }),
  );
  m.gridHost = host;
  return section;
}

/** Mounts the records grid once its section is in the page (the grid measures its width). */
function mountGrid() {
  const m = state.member;
  const canEdit = CAN_EDIT.has(state.user.role);
  m.grid = mountRecordsGrid(m.gridHost, {
    records: m.records,
    total: m.total,
    canEdit,
    styleNonce: document.querySelector('meta[name="style-nonce"]')?.getAttribute('content') ?? '',
    api,
    announce,
    openDetails: (row) => openDetails(row.id, true),
    changed: recordsChanged,
  });
  if (m.pendingJump && m.loaded) jumpToLoaded(m.pendingJump);
}

/** After a correction that introduced errors or warnings: a visible notice naming them (the change was saved). */
function flashNotice() {
  const f = state.member.flash;
  if (!f) return null;
  return h(
    'div',
    { class: 'notice msg-error', id: 'correction-notice', role: 'alert' },
    h('p', {}, h('strong', {}, `Saved, but record ${f.n} now has ${f.problems.length === 1 ? 'a new problem' : `${f.problems.length} new problems`} after the ${f.heading.toLowerCase()} correction:`)),
    h('ul', {}, f.problems.map((g) => h('li', {}, `${SEVERITY[g.severity].icon} ${SEVERITY[g.severity].word}: ${FIELD_NAMES[g.field] ?? g.field ?? 'record'} — ${g.message}`))),
    h('p', {}, f.problems.some((g) => g.severity === 'error' && g.code === 'out_of_range' && (g.field === 'startDate' || g.field === 'endDate')) ? 'The review criteria count this record in no year until its dates are possible.' : 'Correct it again, or accept the gap with a note.'),
    h('button', { type: 'button', onclick: () => { state.member.flash = null; document.getElementById('correction-notice')?.remove(); } }, 'Dismiss'),
  );
}

/** Criteria findings about one record's reflection (weak or missing), shown beside its gaps. */
function reflectionFindings(r) {
  const c = state.member.review?.review.criteria.reflection;
  if (!c) return [];
  const weak = c.figures.weak.find((x) => x.id === r.id);
  if (weak) return [{ field: 'reflection', code: 'review', severity: 'warning', message: `weak reflection for the review (${weak.note}): a reflection should say what was learnt and how it will be applied, in ${c.figures.minWords} words or more` }];
  return [];
}

/**
 * The details of one record below the grid (Enter on its record column): every value whole, the gaps (each can be
 * accepted with a note), the source, and the audit trail. `focus`: move focus to the panel's heading.
 */
function openDetails(id, focus) {
  const m = state.member;
  const row = m.grid.row(id);
  if (!row) return;
  m.detailsId = id;
  const canEdit = CAN_EDIT.has(state.user.role);
  const audit = h('div', {}, h('p', { class: 'hint' }, 'Loading the audit trail…'));
  const original = h('div', {});
  void loadDetails(row, audit, original);
  const shownGaps = [...row.gaps];
  const gapItems = shownGaps.length === 0 ? [h('li', { class: 'empty' }, 'No gaps.')] : shownGaps.map((g) => gapItem(row, g, canEdit));
  const close = () => {
    m.detailsId = null;
    document.getElementById('details-holder').replaceChildren();
    m.grid.focusRecord(id);
  };
  const panel = h(
    'section',
    { class: 'panel details', id: `det-${id}`, 'aria-labelledby': `det-title-${id}`, onkeydown: (ev) => { if (ev.key === 'Escape' && ev.target.closest('form') === null) close(); } },
    h('h3', { id: `det-title-${id}`, tabindex: '-1' }, `Record #${row.n}: ${row.activityName ?? '(no name)'}`),
    h('p', {}, h('button', { type: 'button', onclick: close }, 'Close and go back to the grid')),
    h('div', { class: 'details-grid' },
      h('section', { 'aria-label': 'Values' }, h('h4', {}, 'Values'), h('dl', { class: 'values' }, FIELDS.map(([f, t]) => [h('dt', {}, t), h('dd', {}, display(row[f]) ?? (row.raw?.[f] ? `not read: ${row.raw[f]}` : '—'))]))),
      h('section', { 'aria-label': 'Gaps' }, h('h4', {}, 'Gaps'), h('ul', { class: 'gaplist' }, gapItems)),
      h('section', { 'aria-label': 'Counted or not' }, h('h4', {}, 'Counted or not'), exclusionPart(api, row, (record, message) => recordsChanged([record], message).then(() => document.querySelector(`#det-title-${id}`)?.focus()))),
      h(
        'section',
        { 'aria-label': 'Source' },
        h('h4', {}, 'Source'),
        h('p', {}, `${row.source.file}${where(row.source) ? ` — ${where(row.source)}` : ''}`),
        row.source.cells ? h('p', { class: 'hint' }, Object.entries(row.source.cells).map(([f, c]) => `${FIELD_NAMES[f] ?? f}: ${c}`).join(' · ')) : null,
        Object.keys(row.extras).length > 0 ? h('p', { class: 'hint' }, `Other columns: ${Object.entries(row.extras).map(([k, v]) => `${k}: ${v}`).join(' · ')}`) : null,
        h('p', {}, h('button', { type: 'button', onclick: () => download(`/imports/${row.importId}/file`, row.source.file) }, `Download the original file (${row.source.file})`)),
        original,
      ),
      h('section', { 'aria-label': 'Audit trail', class: 'audit-section' }, h('h4', {}, 'Audit trail'), audit),
    ),
  );
  document.getElementById('details-holder').replaceChildren(panel);
  if (focus) panel.querySelector('h3').focus();
}

/** Moves to a loaded record in the grid (clearing the filter if it hides it). */
function jumpToLoaded(id) {
  const m = state.member;
  m.pendingJump = null;
  if (!m.grid.focusRecord(id)) {
    const f = document.getElementById('only-gaps');
    if (f?.checked) f.click();
    m.grid.focusRecord(id);
  }
}

function gapItem(r, g, canEdit) {
  const li = h('li', {}, h('span', { class: `gap-marker ${g.severity}`, 'aria-hidden': 'true' }, gapIcon(g)), ' ', h('strong', {}, `${gapWord(g)}`), ` ${g.field ? FIELD_NAMES[g.field] ?? g.field : 'record'} (${g.code}): ${g.message}`, g.raw !== undefined ? h('span', { class: 'hint' }, ` [source text: ${g.raw}]`) : null);
  if (canEdit && g.code !== 'accepted' && g.code !== 'corrected') {
    li.append(' ', h('button', { type: 'button', 'aria-label': `Accept the gap: ${g.message}`, onclick: () => startAccept(li, r, g) }, 'Accept…'));
  }
  return li;
}

function startAccept(li, r, g) {
  const id = `acc-${Math.random().toString(36).slice(2)}`;
  const note = h('input', { type: 'text', id, required: true, size: 30 });
  const err = h('span', { class: 'msg-error', role: 'alert', id: `${id}-error` });
  const opener = li.querySelector('button');
  const cancel = () => {
    form.remove();
    if (opener) opener.hidden = false;
    opener?.focus();
  };
  if (opener) opener.hidden = true;
  const form = h(
    'form',
    {
      class: 'row',
      onkeydown: (ev) => {
        if (ev.key === 'Escape') cancel();
      },
      onsubmit: async (ev) => {
        ev.preventDefault();
        try {
          const out = await api('POST', `/records/${r.id}/accept`, { field: g.field, code: g.code, message: g.message, note: note.value });
          await recordsChanged([out.record], 'Gap accepted; criteria updated.');
          document.querySelector(`#det-title-${r.id}`)?.focus();
        } catch (e) {
          err.textContent = e.message;
          note.setAttribute('aria-invalid', 'true');
          note.setAttribute('aria-describedby', err.id);
          note.focus();
        }
      },
    },
    h('div', { class: 'field' }, h('label', { for: id }, 'Why is this acceptable?'), note),
    h('button', { type: 'submit', class: 'primary' }, 'Accept gap'),
    h('button', { type: 'button', onclick: cancel }, 'Cancel'),
    err,
  );
  li.append(form);
  note.focus();
}

async function loadDetails(r, auditHolder, originalHolder) {
  try {
    const [{ audit }, full] = await Promise.all([api('GET', `/records/${r.id}/audit`), api('GET', `/records/${r.id}`)]);
    if (audit.length === 0) auditHolder.replaceChildren(h('p', { class: 'empty' }, 'No corrections or acceptances yet.'));
    else {
      auditHolder.replaceChildren(
        h(
          'table',
          { class: 'audit' },
          h('caption', { class: 'sr-only' }, 'Audit trail'),
          h('thead', {}, h('tr', {}, ['When', 'Who', 'What', 'Field', 'Old value', 'New value', 'Reason or note'].map((t) => h('th', { scope: 'col' }, t)))),
          h(
            'tbody',
            {},
            audit.map((a) => {
              const d = a.detail ?? {};
              const what =
                a.action === 'record.correct' ? 'corrected'
                : a.action === 'gap.accept' ? `accepted ${d.severity ?? ''} ${d.code ?? ''}`
                : a.action === 'record.carry' ? 'carried over from an earlier import of the same file (the lines above happened there)'
                : a.action === 'record.consequence' ? `changed with the ${FIELD_NAMES[d.because?.field] ?? 'other'} correction${d.why ? ` (${d.why})` : ''}`
                : a.action === 'record.exclude' ? 'marked as not a CPD activity'
                : a.action === 'record.include' ? 'counted again'
                : a.action;
              return h(
                'tr',
                {},
                h('td', {}, fmtTime(a.at)),
                h('td', {}, a.user ? `${a.user.name ?? a.user.id.slice(0, 8)} (${a.user.role})` : a.action === 'record.carry' ? 'the importer' : 'unknown'),
                h('td', {}, what),
                h('td', {}, d.field ? FIELD_NAMES[d.field] ?? d.field : 'record'),
                h('td', {}, a.action === 'record.correct' || a.action === 'record.consequence' ? display(d.oldValue) ?? '(empty)' : a.action === 'gap.accept' ? d.message ?? '' : ''),
                h('td', {}, a.action === 'record.correct' || a.action === 'record.consequence' ? display(d.newValue) ?? '(empty)' : ''),
                h('td', {}, d.reason ?? d.note ?? d.because?.reason ?? ''),
              );
            }),
          ),
        ),
      );
    }
    if (full.original) {
      const o = full.original.data;
      const changed = FIELDS.filter(([f]) => JSON.stringify(o[f] ?? null) !== JSON.stringify(full.record[f] ?? null));
      originalHolder.replaceChildren(
        h('h4', {}, 'As extracted from the file'),
        changed.length === 0 ? h('p', { class: 'empty' }, 'No value changed.') : h('ul', {}, changed.map(([f, t]) => h('li', {}, `${t}: ${display(o[f]) ?? '(empty)'}${o.raw && o.raw[f] !== undefined ? ` (source text “${o.raw[f]}”)` : ''}`))),
      );
    }
  } catch (e) {
    auditHolder.replaceChildren(h('p', { class: 'msg-error' }, e.message));
  }
}


if (key()) {
  start().catch((e) => signOut(e.message));
} else {
  renderSignIn();
}
