// The review page's script (src/http/page/page.ts serves it). Plain browser JavaScript, no build, no dependencies.
// Everything is read and changed through the JSON API with the key the user typed (kept in sessionStorage, i.e. for
// this tab only). Text from records is only ever inserted as text (never as HTML).

const KEY = 'cpd-import.key';
const CAN_EDIT = new Set(['reviewer', 'staff', 'admin']);
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
const LONG = new Set(['description', 'reflection', 'objective', 'activityName']);
const FIELD_NAMES = Object.fromEntries(FIELDS.map(([f, h]) => [f, h]));
const SEVERITY = {
  error: { icon: '✖', word: 'Error' },
  warning: { icon: '▲', word: 'Warning' },
  info: { icon: '●', word: 'Note' },
};
const RANK = { error: 3, warning: 2, info: 1 };
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
    throw new ApiError(res.status, e.code, e.message);
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

function where(src) {
  const p = [];
  if (src.sheet !== undefined) p.push(`sheet ${src.sheet}`);
  if (src.page !== undefined) p.push(`page ${src.page}`);
  if (src.table !== undefined) p.push(`table ${src.table}`);
  if (src.row !== undefined) p.push(`row ${src.row}`);
  if (src.line !== undefined) p.push(`line ${src.line}`);
  if (src.block !== undefined) p.push(`“${src.block}”`);
  return p.join(', ');
}

function fmtTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)} UTC`;
}

function worst(gaps) {
  return gaps.reduce((a, g) => (RANK[g.severity] > RANK[a] ? g.severity : a), 'info');
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

let tipN = 0;
/** A focusable gap marker (icon + count) whose tooltip lists the messages; shown on hover and on focus. */
function gapMarker(gaps, what) {
  const sev = worst(gaps);
  const id = `tip-${++tipN}`;
  const icons = gaps.length === 1 ? gapIcon(gaps[0]) : `${SEVERITY[sev].icon} ${gaps.length}`;
  return h(
    'span',
    { class: 'gapwrap' },
    h('button', { type: 'button', class: `gap-marker ${sev}`, 'aria-describedby': id, 'aria-label': `${gaps.length} ${gaps.length === 1 ? 'gap' : 'gaps'} on ${what}, worst: ${SEVERITY[sev].word.toLowerCase()}` }, icons),
    h('span', { role: 'tooltip', id, class: 'tip' }, h('ul', {}, gaps.map((g) => h('li', {}, `${gapIcon(g)} ${gapWord(g)} (${g.code}): ${g.message}${g.raw !== undefined ? ` [source text: ${g.raw}]` : ''}`)))),
  );
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
  try {
    if (m) await renderMember(decodeURIComponent(m[1]), m[2] ? Number(m[2]) : null);
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
  if (u.role === 'member') parts.push(h('p', {}, h('a', { href: `#/members/${encodeURIComponent(u.memberId)}` }, 'Open your records and review criteria')));
  else parts.push(memberForm());
  const tableHolder = h('div', { id: 'imports' });
  parts.push(h('h2', {}, 'Imports'), tableHolder);
  setView(...parts);
  await refreshImports(tableHolder);
}

function uploadForm() {
  const u = state.user;
  const msg = h('p', { id: 'upload-msg', role: 'status' });
  const file = h('input', { type: 'file', id: 'upload-file', name: 'file', multiple: true, required: true, accept: '.csv,.tsv,.txt,.xlsx,.xlsm,.docx,.pdf,.png,.jpg,.jpeg' });
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
      h('div', { class: 'field' }, h('label', { for: 'upload-file' }, 'CPD log file(s)'), file, h('span', { class: 'hint' }, 'XLSX, CSV, Word, PDF or a scan')),
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

async function refreshImports(holder) {
  if (!holder || !holder.isConnected) return;
  const { imports } = await api('GET', '/imports');
  if (!holder.isConnected) return;
  if (imports.length === 0) {
    holder.replaceChildren(h('p', { class: 'empty' }, 'No imports yet.'));
    return;
  }
  const rows = imports.map((imp) => {
    const s = imp.summary;
    const gaps = s
      ? h(
          'td',
          { class: 'counts' },
          h('span', { title: 'errors' }, `✖ ${s.gaps.error}`, h('span', { class: 'sr-only' }, ' errors')),
          h('span', { title: 'warnings' }, `▲ ${s.gaps.warning}`, h('span', { class: 'sr-only' }, ' warnings')),
          h('span', { title: 'notes' }, `● ${s.gaps.info}`, h('span', { class: 'sr-only' }, ' notes')),
        )
      : h('td', { class: 'empty' }, '—');
    const status =
      imp.status === 'failed' ? `failed: ${imp.error ? imp.error.message : ''}`
      : imp.status === 'processing' ? `processing ${imp.progress}%`
      : imp.supersededBy ? 'done — replaced by a later upload of the same file'
      : imp.status;
    // A file read but holding no activity (no CPD log at all: a certificate, a form, code…) says why, as a note.
    const noLog = imp.status === 'done' ? (imp.fileGaps || []).find((g) => g.code === 'no_activities') : undefined;
    // Columns (or labels) holding values that map to no record field: named, so none is dropped quietly (issue 9).
    const unmapped = imp.status === 'done' ? (imp.fileGaps || []).filter((g) => g.code === 'unmapped') : [];
    const unmappedNote = unmapped.length > 0
      ? h('p', { class: 'file-note warning', title: unmapped.map((g) => g.message).join('\n') }, `${SEVERITY.warning.icon} ${SEVERITY.warning.word}: kept in extras, no record field: ${unmapped.map(unmappedName).join(', ')}`)
      : null;
    return h(
      'tr',
      { 'data-import': imp.importId },
      h('th', { scope: 'row' }, imp.file),
      h('td', {}, imp.memberId),
      h('td', {}, fmtTime(imp.createdAt)),
      h('td', { class: `status-${imp.status}` }, status, noLog ? h('p', { class: `file-note ${noLog.severity}` }, `${SEVERITY[noLog.severity].icon} ${SEVERITY[noLog.severity].word}: ${noLog.message}`) : null, unmappedNote),
      h('td', { class: 'num' }, s ? String(s.records) : '—'),
      h('td', { class: 'num' }, s ? String(s.recordsWithGaps) : '—'),
      gaps,
      h(
        'td',
        {},
        imp.status === 'done' ? h('a', { href: `#/members/${encodeURIComponent(imp.memberId)}`, 'aria-label': `Records of member ${imp.memberId} (${imp.file})` }, 'Records') : null,
        ' ',
        h('button', { type: 'button', class: 'link', onclick: () => download(`/imports/${imp.importId}/file`, imp.file), 'aria-label': `Download the original file ${imp.file}` }, 'Original file'),
        imp.status === 'done' ? [' ', h('button', { type: 'button', class: 'link', onclick: () => download(`/imports/${imp.importId}/export.xlsx`, 'records.xlsx'), 'aria-label': `Export the records of ${imp.file} as XLSX` }, 'XLSX')] : null,
      ),
    );
  });
  holder.replaceChildren(
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'imports' },
        h('caption', {}, `${imports.length} ${imports.length === 1 ? 'import' : 'imports'}, newest first`),
        h('thead', {}, h('tr', {}, ['File', 'Member', 'Uploaded', 'Status', 'Records', 'With gaps', 'Gaps', 'Open'].map((t) => h('th', { scope: 'col', class: t === 'Records' || t === 'With gaps' ? 'num' : null }, t)))),
        h('tbody', {}, rows),
      ),
    ),
  );
  if (state.pollTimer) clearTimeout(state.pollTimer);
  state.pollTimer = null;
  if (imports.some((i) => i.status === 'queued' || i.status === 'processing')) {
    // One poll loop at a time (an upload refreshes the list while a poll may be waiting).
    state.pollTimer = setTimeout(() => void refreshImports(holder).catch(() => undefined), 1000);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// a member's records for a year, criteria, corrections

async function loadMember(memberId, year) {
  const [{ records }, review] = await Promise.all([api('GET', `/members/${encodeURIComponent(memberId)}/records`), api('GET', `/members/${encodeURIComponent(memberId)}/review?year=${year}`)]);
  return { records, review };
}

async function renderMember(memberId, yearAsked) {
  let year = yearAsked;
  if (year === null) {
    const { records } = await api('GET', `/members/${encodeURIComponent(memberId)}/records`);
    // The year with the most completed activities (the latest of equals): the year the log is about.
    const counts = new Map();
    for (const r of records) {
      const y = countingYear(r);
      if (y !== null && r.status === 'completed') counts.set(y, (counts.get(y) ?? 0) + 1);
    }
    const best = [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0];
    year = best ? best[0] : new Date().getUTCFullYear() - 1;
    history.replaceState(null, '', `#/members/${encodeURIComponent(memberId)}/${year}`);
  }
  const prev = state.member && state.member.memberId === memberId ? state.member : null;
  const data = await loadMember(memberId, year);
  const pendingJump = prev ? prev.pendingJump : null;
  state.member = { memberId, year, ...data, onlyGaps: prev ? prev.onlyGaps : false, open: prev ? prev.open : new Set(), audits: new Map() };
  drawMember();
  if (pendingJump) {
    const row = document.getElementById(`rec-${pendingJump}`);
    if (row) {
      row.scrollIntoView({ block: 'center' });
      setTimeout(() => row.querySelector('th')?.focus(), 0);
    }
  }
}

async function reloadMember(focusSelector, message) {
  const m = state.member;
  const data = await loadMember(m.memberId, m.year);
  Object.assign(m, data);
  m.audits = new Map();
  drawMember();
  if (focusSelector) document.querySelector(focusSelector)?.focus();
  if (message) announce(message);
}

function drawMember() {
  const m = state.member;
  const years = new Set(m.records.map(countingYear).filter((y) => y !== null));
  years.add(m.year);
  // Choosing a year does not navigate by itself (WCAG 3.2.2: arrowing through the list loaded each year); "Show" does.
  const yearSelect = h('select', { id: 'year' }, [...years].sort((a, b) => b - a).map((y) => h('option', { value: String(y), selected: y === m.year }, String(y))));
  const yearForm = h(
    'form',
    {
      class: 'row',
      onsubmit: (ev) => {
        ev.preventDefault();
        location.hash = `#/members/${encodeURIComponent(m.memberId)}/${yearSelect.value}`;
      },
    },
    h('div', { class: 'field' }, h('label', { for: 'year' }, 'Year'), yearSelect),
    h('button', { type: 'submit' }, 'Show'),
  );
  const shown = m.records.filter((r) => countingYear(r) === m.year || countingYear(r) === null);
  setView(
    h('p', {}, h('a', { href: '#/' }, '← All imports')),
    h('h1', {}, `Member ${m.memberId} — CPD year ${m.year}`),
    h(
      'div',
      { class: 'row' },
      yearForm,
      h('div', {}, h('span', { class: 'hint' }, 'Export the records of this year: '), ['xlsx', 'csv', 'json'].map((f) => [h('button', { type: 'button', class: 'link', onclick: () => download(`/members/${encodeURIComponent(m.memberId)}/export.${f}?year=${m.year}`, `${m.memberId}-${m.year}.${f}`) }, f.toUpperCase()), ' '])),
    ),
    criteriaPanel(),
    recordsSection(shown),
  );
}

// ---- criteria ----

function criteriaPanel() {
  const m = state.member;
  const { review, activityStatus } = m.review;
  const canEdit = CAN_EDIT.has(state.user.role);
  const statusPart = canEdit ? statusForm(activityStatus) : h('p', {}, `Activity status for ${m.year}: ${STATUS_WORDS[activityStatus.value]}${activityStatus.source === 'default' ? ' (default)' : ''}.`);
  const o = OUTCOME[review.overall];
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'criteria-title', id: 'criteria' },
    h('h2', { id: 'criteria-title' }, `Review criteria for ${m.year}`),
    h('p', { class: 'overall' }, h('span', { class: `badge ${review.overall}` }, `${o.icon} ${o.word}`), `overall — ${review.counts.completed} completed and ${review.counts.planned} planned activities count in ${m.year}; ${review.counts.undated} undated, ${review.counts.otherYears} in other years.`),
    otherYearsList(review),
    statusPart,
    h('ul', { class: 'criteria' }, Object.entries(review.criteria).map(([k, c]) => criterionItem(k, c))),
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
      return h('li', {}, `${ref.activityName ?? '(no name)'} (${ref.where}): ${ref.note ?? ''} `, y !== null ? h('a', { href: `#/members/${encodeURIComponent(state.member.memberId)}/${y}`, onclick: (ev) => jumpTo(ev, ref.id) }, `Open ${y}`) : null);
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

function figureValue(key, v) {
  if (Array.isArray(v)) {
    if (v.length === 0) return h('span', { class: 'empty' }, 'none');
    if (typeof v[0] === 'object') {
      return h('span', {}, v.map((ref, i) => [i > 0 ? '; ' : '', ref.id ? h('a', { href: `#rec-${ref.id}`, onclick: (ev) => jumpTo(ev, ref.id) }, ref.activityName ?? '(no name)', key === 'otherYearsWithErrors' ? ` — open ${otherYearOf(ref.id) ?? 'its year'}` : '') : ref.activityName ?? '(no name)', ref.note ? ` (${ref.note})` : '']));
    }
    return v.join(', ');
  }
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v);
    return entries.length === 0 ? h('span', { class: 'empty' }, 'none') : entries.map(([k, x]) => `${k} ${x}`).join(' · ');
  }
  if (typeof v === 'number' && /hours|Hours|required|suggested/.test(key) && key !== 'unclassified') return `${v} h`;
  return String(v);
}

function otherYearOf(id) {
  const rec = state.member.records.find((x) => x.id === id);
  return rec ? countingYear(rec) : null;
}

function jumpTo(ev, id) {
  ev.preventDefault();
  const row = document.getElementById(`rec-${id}`);
  if (!row) {
    // A record of another year (e.g. a "completed" activity dated 2027 in a 2024 log): open that year at the record.
    const rec = state.member.records.find((x) => x.id === id);
    const y = rec ? countingYear(rec) : null;
    if (y !== null && y !== state.member.year) {
      state.member.pendingJump = id;
      location.hash = `#/members/${encodeURIComponent(state.member.memberId)}/${y}`;
    }
    return;
  }
  if (row.classList.contains('hidden')) {
    state.member.onlyGaps = false;
    drawMember();
  }
  const target = document.getElementById(`rec-${id}`);
  target.scrollIntoView({ block: 'center' });
  target.querySelector('th')?.focus();
}

function criterionItem(key, c) {
  const o = OUTCOME[c.outcome];
  const titleId = `crit-${key}`;
  return h(
    'li',
    { class: `crit ${c.outcome}`, 'aria-labelledby': titleId, 'data-criterion': key },
    h('h3', { id: titleId }, h('span', { class: `badge ${c.outcome}` }, `${o.icon} ${o.word}`), CRITERION_TITLES[key] ?? key),
    h('p', {}, c.summary),
    h(
      'details',
      {},
      h('summary', {}, 'Figures and rule'),
      h('dl', {}, Object.entries(c.figures).map(([k, v]) => [h('dt', {}, FIGURE_LABELS[k] ?? k), h('dd', {}, figureValue(k, v))])),
      h('p', { class: 'source' }, `Rule: ${c.source}`),
    ),
  );
}

// ---- records table ----

function recordsSection(shown) {
  const m = state.member;
  const withGaps = shown.filter(needsLook).length;
  const filter = h('input', {
    type: 'checkbox',
    id: 'only-gaps',
    checked: m.onlyGaps,
    onchange: (ev) => {
      m.onlyGaps = ev.target.checked;
      applyFilter();
      announce(m.onlyGaps ? `Showing the ${withGaps} records with gaps` : `Showing all ${shown.length} records`);
    },
  });
  const canEdit = CAN_EDIT.has(state.user.role);
  const head = h('tr', {}, h('th', { scope: 'col' }, 'Record (source)'), FIELDS.map(([, t]) => h('th', { scope: 'col' }, t)));
  const body = h('tbody', {});
  shown.forEach((r, i) => {
    body.append(recordRow(r, i + 1, canEdit));
    if (m.open.has(r.id)) body.append(detailsRow(r, canEdit));
  });
  const section = h(
    'section',
    { 'aria-labelledby': 'records-title' },
    h('h2', { id: 'records-title' }, `Records counted in ${m.year}`),
    h('p', { class: 'hint' }, `${shown.length} records (${withGaps} with errors or warnings to look at). Records with no date at all are listed under every year until a date is corrected. Hover or focus a marker to read the gap; ${canEdit ? 'use ✎ Edit (or the ✎ beside a value) to correct a value (a reason is required) and Details to accept a gap or read the audit trail.' : 'Details shows the audit trail.'}`),
    flashNotice(),
    h('div', { class: 'row' }, h('div', {}, filter, ' ', h('label', { for: 'only-gaps' }, 'Only records with errors or warnings'))),
    h(
      'p',
      { class: 'legend', 'aria-label': 'Legend' },
      h('span', {}, h('span', { class: 'gap-marker error' }, '✖'), 'error'),
      h('span', {}, h('span', { class: 'gap-marker warning' }, '▲'), 'warning'),
      h('span', {}, h('span', { class: 'gap-marker info' }, '●'), 'note'),
      h('span', {}, h('span', { class: 'gap-marker info' }, '✔'), 'accepted'),
      h('span', {}, h('span', { class: 'gap-marker info' }, '↺'), 'corrected'),
    ),
    h('div', { class: 'table-wrap', role: 'region', 'aria-labelledby': 'records-title', tabindex: '0' }, h('table', { class: 'records', id: 'records' }, h('caption', {}, `${m.memberId}: records counted in ${m.year}, and undated records`), h('thead', {}, head), body)),
  );
  queueMicrotask(applyFilter);
  return section;
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

/**
 * A record needs a look when it has an error or warning that is not yet accepted: notes (info), accepted gaps and
 * corrections do not count, so "Only records with gaps" leaves out records that are fine.
 */
function needsLook(r) {
  return r.gaps.some((g) => (g.severity === 'error' || g.severity === 'warning') && g.code !== 'accepted' && g.code !== 'corrected') || reflectionFindings(r).length > 0;
}

function applyFilter() {
  const m = state.member;
  for (const tr of document.querySelectorAll('#records tbody tr')) {
    const gaps = tr.getAttribute('data-gaps') === '1' || (tr.classList.contains('details') && tr.previousElementSibling?.getAttribute('data-gaps') === '1');
    tr.classList.toggle('hidden', m.onlyGaps && !gaps);
  }
}

/** Criteria findings about one record's reflection (weak or missing), shown beside its gaps. */
function reflectionFindings(r) {
  const c = state.member.review.review.criteria.reflection;
  if (!c) return [];
  const weak = c.figures.weak.find((x) => x.id === r.id);
  if (weak) return [{ field: 'reflection', code: 'review', severity: 'warning', message: `weak reflection for the review (${weak.note}): a reflection should say what was learnt and how it will be applied, in ${c.figures.minWords} words or more` }];
  return [];
}

function recordRow(r, n, canEdit) {
  const byField = new Map();
  const recordGaps = [];
  for (const g of [...r.gaps, ...reflectionFindings(r)]) {
    if (g.field !== null && FIELD_NAMES[g.field] !== undefined) {
      if (!byField.has(g.field)) byField.set(g.field, []);
      byField.get(g.field).push(g);
    } else recordGaps.push(g);
  }
  const src = where(r.source);
  const year = countingYear(r);
  const detailsBtn = h('button', { type: 'button', class: 'details-btn', 'aria-expanded': String(state.member.open.has(r.id)), 'aria-controls': `det-${r.id}`, 'aria-label': `Details of record ${n}: gaps, source, audit trail`, onclick: () => toggleDetails(r.id) }, state.member.open.has(r.id) ? '▾ Details' : '▸ Details');
  const rowHead = h(
    'th',
    { scope: 'row', tabindex: '-1', class: recordGaps.length > 0 ? `gap-${worst(recordGaps)}` : null },
    h('span', { class: 'recno' }, `#${n}`),
    recordGaps.length > 0 ? [' ', gapMarker(recordGaps, `record ${n}`)] : null,
    ' ',
    detailsBtn,
    canEdit ? [' ', h('button', { type: 'button', class: 'details-btn row-edit-btn', 'aria-label': `Edit record ${n}: correct a value`, onclick: () => startRowEdit(r, n) }, '✎ Edit')] : null,
    h('span', { class: 'ref' }, r.source.file),
    h('span', { class: 'ref' }, src || 'no location'),
    year === null ? h('span', { class: 'ref msg-error' }, 'no date: not placed in a year') : null,
  );
  const cells = FIELDS.map(([f, heading]) => {
    const gaps = byField.get(f) ?? [];
    const v = display(r[f]);
    const label = `${heading} of record ${n}`;
    const cls = [gaps.length > 0 ? `gap-${worst(gaps)}` : '', LONG.has(f) ? 'long' : ''].join(' ').trim() || null;
    const td = h(
      'td',
      { class: cls, 'data-field': f },
      v === null
        ? r.raw && typeof r.raw[f] === 'string' && r.raw[f] !== ''
          ? // The source had text that could not be read: show it (struck through) rather than "empty".
            h('span', { class: 'unread' }, h('span', { class: 'sr-only' }, 'not read from the text: '), h('s', {}, r.raw[f]))
          : h('span', { class: 'empty' }, '—', h('span', { class: 'sr-only' }, 'empty'))
        : h('span', { class: 'value' }, f === 'hours' ? `${v} h` : v),
      gaps.length > 0 ? [' ', gapMarker(gaps, label)] : null,
      r.source.cells?.[f] || canEdit
        ? h(
            'span',
            { class: 'meta' },
            r.source.cells?.[f] ? h('span', { class: 'ref' }, `from ${r.source.cells[f]}`) : null,
            canEdit ? h('button', { type: 'button', class: 'edit-btn', tabindex: '-1', title: `Edit ${heading.toLowerCase()}`, 'aria-label': `Edit ${label}`, onclick: () => startEdit(td, r, f, n) }, '✎') : null,
          )
        : null,
    );
    return td;
  });
  return h('tr', { id: `rec-${r.id}`, 'data-gaps': needsLook(r) ? '1' : '0' }, rowHead, cells);
}

/** Inline correction of one value, in its cell (the ✎ beside a value). */
function startEdit(td, r, field, n) {
  const focusBack = `#rec-${r.id} td[data-field="${field}"] .edit-btn`;
  td.replaceChildren(editForm(r, n, field, false, focusBack));
  td.querySelector('input, textarea')?.focus();
}

/**
 * Correction from the row's "✎ Edit" button (one tab stop per record for keyboard users): a form in a row below
 * with a choice of field, starting at the first field with an error or warning.
 */
function startRowEdit(r, n) {
  document.getElementById(`edit-row-${r.id}`)?.remove();
  const first = FIELDS.find(([f]) => r.gaps.some((g) => g.field === f && (g.severity === 'error' || g.severity === 'warning') && g.code !== 'accepted' && g.code !== 'corrected'));
  const form = editForm(r, n, (first ?? FIELDS[0])[0], true, `#rec-${r.id} .row-edit-btn`);
  const tr = h('tr', { class: 'details editor', id: `edit-row-${r.id}` }, h('td', { colspan: String(FIELDS.length + 1) }, form));
  document.getElementById(`rec-${r.id}`).after(tr);
  form.querySelector('select')?.focus();
}

/**
 * The correction form: new value (with the field's format hint), a required reason, Save and Cancel; Esc cancels.
 * A refused value stays in the box, marked `aria-invalid` and described by the error. `choose`: a field select.
 */
function editForm(r, n, field, choose, focusBack) {
  const idv = `edit-${r.id}${choose ? '-row' : `-${field}`}`;
  const err = h('p', { class: 'msg-error', role: 'alert', id: `${idv}-error` });
  const valueLabel = h('label', { for: idv });
  const holder = h('div', { class: 'field' });
  let current = field;
  let input;
  const setField = (f) => {
    current = f;
    const [, heading, hint] = FIELDS.find(([x]) => x === f);
    const value = display(r[f]) ?? r.raw[f] ?? '';
    input = LONG.has(f) && f !== 'activityName' ? h('textarea', { id: idv, name: 'value', rows: 3, cols: 30 }, value) : h('input', { type: 'text', id: idv, name: 'value', value, size: 22 });
    valueLabel.replaceChildren(`New ${heading.toLowerCase()}`, hint ? h('span', { class: 'hint' }, ` (${hint})`) : null);
    holder.replaceChildren(valueLabel, input);
    err.textContent = '';
  };
  setField(field);
  const select = choose
    ? h('select', { id: `${idv}-field`, onchange: (ev) => setField(ev.target.value), oninput: (ev) => setField(ev.target.value) }, FIELDS.map(([f, t]) => h('option', { value: f, selected: f === field }, t)))
    : null;
  const reason = h('input', { type: 'text', id: `${idv}-reason`, name: 'reason', required: true, size: 22 });
  const restore = () => {
    drawMember();
    document.querySelector(focusBack)?.focus();
  };
  return h(
    'form',
    {
      class: choose ? 'edit edit-row' : 'edit',
      'aria-label': `Correct record ${n}`,
      onsubmit: async (ev) => {
        ev.preventDefault();
        err.textContent = '';
        input.removeAttribute('aria-invalid');
        const [, heading] = FIELDS.find(([x]) => x === current);
        try {
          const out = await api('PATCH', `/records/${r.id}`, { field: current, value: input.value, reason: reason.value });
          // Saved even when it leaves the record worse (the reviewer may be mid-fix): say so, visibly.
          const problems = out.newProblems ?? [];
          state.member.flash = problems.length > 0 ? { recordId: r.id, n, heading, problems } : null;
          const said = `${heading} of record ${n} corrected from ${out.change.old} to ${out.change.new}.${problems.length > 0 ? ` Saved, but the record now has ${problems.length === 1 ? 'a new problem' : `${problems.length} new problems`}: ${problems.map((g) => `${SEVERITY[g.severity].word} — ${g.message}`).join('; ')}.` : ''} Criteria updated.`;
          await reloadMember(focusBack, said);
        } catch (e) {
          err.textContent = e.message;
          input.setAttribute('aria-invalid', 'true');
          input.setAttribute('aria-describedby', err.id);
          input.focus();
        }
      },
      onkeydown: (ev) => {
        if (ev.key === 'Escape') restore();
      },
    },
    choose ? h('div', { class: 'field' }, h('label', { for: `${idv}-field` }, `Field of record ${n}`), select) : null,
    holder,
    h('div', { class: 'field' }, h('label', { for: `${idv}-reason` }, 'Reason'), reason),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Save'), h('button', { type: 'button', onclick: restore }, 'Cancel')),
    err,
  );
}

function toggleDetails(id) {
  const m = state.member;
  if (m.open.has(id)) m.open.delete(id);
  else m.open.add(id);
  drawMember();
  document.querySelector(`#rec-${id} .details-btn`)?.focus();
}

function detailsRow(r, canEdit) {
  const audit = h('div', {}, h('p', { class: 'hint' }, 'Loading the audit trail…'));
  const original = h('div', {});
  const cols = FIELDS.length + 1;
  void loadDetails(r, audit, original);
  const gapItems = r.gaps.length === 0 ? [h('li', { class: 'empty' }, 'No gaps.')] : r.gaps.map((g) => gapItem(r, g, canEdit));
  return h(
    'tr',
    { class: 'details', id: `det-${r.id}` },
    h(
      'td',
      { colspan: String(cols) },
      h(
        'div',
        { class: 'details-grid' },
        h('section', { 'aria-label': 'Gaps' }, h('h3', {}, 'Gaps'), h('ul', { class: 'gaplist' }, gapItems)),
        h(
          'section',
          { 'aria-label': 'Source' },
          h('h3', {}, 'Source'),
          h('p', {}, `${r.source.file}${where(r.source) ? ` — ${where(r.source)}` : ''}`),
          r.source.cells ? h('p', { class: 'hint' }, Object.entries(r.source.cells).map(([f, c]) => `${FIELD_NAMES[f] ?? f}: ${c}`).join(' · ')) : null,
          Object.keys(r.extras).length > 0 ? h('p', { class: 'hint' }, `Other columns: ${Object.entries(r.extras).map(([k, v]) => `${k}: ${v}`).join(' · ')}`) : null,
          h('p', {}, h('button', { type: 'button', onclick: () => download(`/imports/${r.importId}/file`, r.source.file) }, `Download the original file (${r.source.file})`)),
          original,
        ),
        h('section', { 'aria-label': 'Audit trail', class: 'audit-section' }, h('h3', {}, 'Audit trail'), audit),
      ),
    ),
  );
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
          await api('POST', `/records/${r.id}/accept`, { field: g.field, code: g.code, message: g.message, note: note.value });
          state.member.open.add(r.id);
          await reloadMember(`#rec-${r.id} .details-btn`, 'Gap accepted; criteria updated.');
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
                : a.action;
              return h(
                'tr',
                {},
                h('td', {}, fmtTime(a.at)),
                h('td', {}, a.user ? `${a.user.name ?? a.user.id.slice(0, 8)} (${a.user.role})` : a.action === 'record.carry' ? 'the importer' : 'unknown'),
                h('td', {}, what),
                h('td', {}, d.field ? FIELD_NAMES[d.field] ?? d.field : 'record'),
                h('td', {}, a.action === 'record.correct' ? display(d.oldValue) ?? '(empty)' : a.action === 'gap.accept' ? d.message ?? '' : ''),
                h('td', {}, a.action === 'record.correct' ? display(d.newValue) ?? '(empty)' : ''),
                h('td', {}, d.reason ?? d.note ?? ''),
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

// ---------------------------------------------------------------------------------------------------------------
// Gap tooltips (WCAG 1.4.13): opened towards the side with room, kept while hovered, closed by Esc.

/** Opens a marker's tooltip on the side with room (left when the marker is near the right edge of the table). */
function placeTip(wrap) {
  const tip = wrap.querySelector('.tip');
  if (!tip) return;
  wrap.classList.remove('dismissed');
  const box = wrap.closest('.table-wrap') ?? document.documentElement;
  const right = box === document.documentElement ? window.innerWidth : box.getBoundingClientRect().right;
  const r = wrap.getBoundingClientRect();
  tip.classList.toggle('flip', r.left + Math.min(416, window.innerWidth * 0.8) > right);
}

document.addEventListener('mouseover', (ev) => {
  const wrap = ev.target instanceof Element ? ev.target.closest('.gapwrap') : null;
  if (wrap && !wrap.contains(ev.relatedTarget instanceof Node ? ev.relatedTarget : null)) placeTip(wrap);
});
document.addEventListener('focusin', (ev) => {
  const wrap = ev.target instanceof Element ? ev.target.closest('.gapwrap') : null;
  if (wrap) placeTip(wrap);
});
document.addEventListener('keydown', (ev) => {
  if (ev.key !== 'Escape') return;
  for (const wrap of document.querySelectorAll('.gapwrap:hover, .gapwrap:focus-within')) wrap.classList.add('dismissed');
});

if (key()) {
  start().catch((e) => signOut(e.message));
} else {
  renderSignIn();
}
