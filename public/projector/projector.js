// The projector page's only script (served by Ura; the Content-Security-Policy allows
// no other). It draws the board from the server-sent events of /e/<code>/stream, counts
// the round down to its end by itself (against the server's clock, whatever the
// laptop's says), switches between the event's languages, and on the control view
// sends the facilitator's presses without leaving the page. Every text goes in through
// textContent: nothing from the server is ever read as markup.
'use strict';

const TICK_MS = 250;
/** The last two minutes show in the warning colour, as participants are warned in the chat. */
const WARNING_MS = 120_000;

const fill = (template, vars) => template.replace(/\{\{(\w+)\}\}/g, (_, name) => String(vars[name] ?? ''));

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'className') node.className = value;
    else if (name === 'style') Object.assign(node.style, value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) if (child !== undefined && child !== null && child !== false) node.append(child instanceof Node ? child : String(child));
  return node;
}

/** m:ss (h:mm:ss from an hour): the timer's face. */
function clockFace(ms) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

function startBoard(main) {
  const texts = JSON.parse(document.getElementById('projector-texts')?.textContent ?? '{}');
  const control = main.dataset.control;
  let language = main.dataset.language;
  /** The last board received, and how far the server's clock is ahead of this one. */
  let board;
  let offsetMs = 0;

  const t = (key, vars = {}) => fill(texts[language]?.[key] ?? key, vars);
  const pick = (text) => text?.[language] ?? text?.[board?.event.languages[0]] ?? Object.values(text ?? {})[0] ?? '';
  const number = (value) => new Intl.NumberFormat(language).format(value);
  const share = (part, whole) => (whole > 0 ? new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(part / whole) : '–');
  const byId = (id) => document.getElementById(id);

  function drawTimer() {
    const timer = byId('timer');
    const round = board?.round;
    if (!timer) return;
    if (!round) {
      timer.textContent = '';
      timer.className = 'timer';
      return;
    }
    if (round.status === 'running' && round.endsAt) {
      const left = new Date(round.endsAt).getTime() - (Date.now() + offsetMs);
      timer.textContent = clockFace(left);
      timer.className = `timer running${left <= 0 ? ' over' : left <= WARNING_MS ? ' warning' : ''}`;
    } else if (round.status === 'paused') {
      timer.textContent = `${clockFace(round.remainingMs ?? 0)} · ${t('paused')}`;
      timer.className = 'timer paused';
    } else {
      timer.textContent = t('ended');
      timer.className = 'timer ended';
    }
  }

  function drawRound() {
    const round = board.round;
    byId('round-number').textContent = round ? t('round', { number: round.number, of: round.of }) : t('no_round');
    byId('question').textContent = round ? pick(round.question) : '';
    const others = round ? board.event.languages.filter((code) => code !== language && round.question[code]) : [];
    byId('question-other').replaceChildren(...others.map((code) => el('span', { lang: code }, round.question[code])));
    drawTimer();
  }

  function drawTables() {
    const map = byId('table-map');
    if (board.tables.length === 0) return map.replaceChildren(el('li', { className: 'empty' }, t('no_tables')));
    map.replaceChildren(
      ...board.tables.map((table) => {
        const guests = board.event.namesShown ? table.members.filter((name, index) => !(table.host !== null && name === table.host && index === table.members.indexOf(table.host))) : [];
        return el(
          'li',
          { className: 'table', 'data-table': table.table },
          el('h3', {}, t('table', { table: table.table })),
          board.event.namesShown && table.host !== null ? el('p', { className: 'host' }, el('span', { className: 'label' }, `${t('host')}: `), table.host) : null,
          board.event.namesShown ? el('ul', { className: 'members' }, guests.map((name) => el('li', {}, name))) : el('p', { className: 'seats' }, t('seats', { count: number(table.seats) })),
        );
      }),
    );
  }

  function bar(label, count, fraction, detail) {
    return el(
      'li',
      { className: 'bar' },
      el('span', { className: 'bar-label' }, label),
      el('span', { className: 'bar-track' }, el('span', { className: 'bar-fill', style: { width: `${Math.round(Math.max(0, Math.min(1, fraction)) * 100)}%` } })),
      el('span', { className: 'bar-count', 'data-count': count }, detail),
    );
  }

  function drawThemes() {
    const list = byId('theme-list');
    if (board.themes.length === 0) return list.replaceChildren(el('li', { className: 'empty' }, t('no_themes')));
    const most = Math.max(1, ...board.themes.map((theme) => theme.notes));
    list.replaceChildren(...board.themes.map((theme) => bar(pick(theme.label), theme.notes, theme.notes / most, t('theme_counts', { notes: number(theme.notes), tables: number(theme.tables) }))));
  }

  function pollControls(poll) {
    if (!control) return null;
    const name = poll.status === 'open' ? 'poll_close' : 'poll_open';
    return el(
      'form',
      { method: 'post', action: `${control}/${name}`, className: 'inline', 'data-control': '' },
      el('input', { type: 'hidden', name: '_csrf', value: main.dataset.csrf }),
      el('input', { type: 'hidden', name: 'pollId', value: poll.id }),
      el('button', { type: 'submit', 'data-action': name }, t(poll.status === 'open' ? 'control.close' : 'control.open')),
    );
  }

  function drawPolls() {
    const list = byId('poll-list');
    if (board.polls.length === 0) return list.replaceChildren(el('p', { className: 'empty' }, t('no_polls')));
    list.replaceChildren(
      ...board.polls.map((poll) =>
        el(
          'article',
          { className: `poll ${poll.status}`, 'data-poll': poll.id },
          el('h3', {}, pick(poll.question), ' ', el('span', { className: 'tag' }, t(poll.status === 'open' ? 'poll_open' : 'poll_closed'))),
          el(
            'ol',
            { className: 'bars' },
            poll.options.map((option) => bar(pick(option.label), option.count, poll.voters > 0 ? option.count / poll.voters : 0, `${number(option.count)} (${share(option.count, poll.voters)})`)),
          ),
          el('p', { className: 'voters' }, t('voters', { voters: number(poll.voters), checkedIn: number(poll.checkedIn), share: share(poll.voters, poll.checkedIn) })),
          pollControls(poll),
        ),
      ),
    );
  }

  /** A group's name: its counties (or organisation types), merged ones joined. */
  const groupName = (group) => group.values.map((value) => t(`events:${group.by === 'org_type' ? 'orgTypes' : 'regions'}.${value}`)).join(' + ');

  function drawGroups() {
    const list = byId('group-list');
    if (board.groups.length === 0) return list.replaceChildren(el('p', { className: 'empty' }, t('no_groups')));
    list.replaceChildren(
      ...board.groups.map((group) => {
        const most = Math.max(1, ...group.actions.map((action) => action.dots));
        return el(
          'article',
          { className: 'group' },
          el('h3', {}, groupName(group), ' ', el('span', { className: 'tag' }, t('group_voters', { voters: number(group.voters) }))),
          el(
            'ol',
            { className: 'bars' },
            group.actions.map((action) => bar(action.chosen ? `${action.text} · ${t('chosen')}` : action.text, action.dots, action.dots / most, t('action_dots', { dots: number(action.dots) }))),
          ),
        );
      }),
    );
  }

  function drawTopics() {
    const list = byId('topic-list');
    if (board.topics.length === 0) return list.replaceChildren(el('li', { className: 'empty' }, t('no_topics')));
    list.replaceChildren(
      ...board.topics.map((topic) =>
        el(
          'li',
          { className: 'topic', 'data-slot': topic.slot },
          el('span', { className: 'tag' }, t('slot', { slot: number(topic.slot) })),
          ' ',
          topic.title,
          ' · ',
          topic.capacity === null ? t('topic_members', { members: number(topic.members) }) : t('topic_members_of', { members: number(topic.members), capacity: number(topic.capacity) }),
        ),
      ),
    );
  }

  function drawControls() {
    if (!control) return;
    const status = board.round?.status;
    const live = status === 'running' || status === 'paused';
    const enabled = { round_start: !live, round_pause: status === 'running', round_resume: status === 'paused', round_extend: live, round_end: live };
    for (const button of document.querySelectorAll('#round-controls button[data-action]')) button.disabled = !enabled[button.dataset.action];
  }

  function draw() {
    if (!board) return;
    const name = pick(board.event.name);
    byId('event-name').textContent = name;
    document.title = `${name} · Ura`;
    for (const heading of document.querySelectorAll('[data-text]')) heading.textContent = t(heading.dataset.text);
    drawRound();
    drawTables();
    drawThemes();
    drawPolls();
    drawGroups();
    drawTopics();
    drawControls();
  }

  for (const button of document.querySelectorAll('#languages button[data-language]')) {
    button.addEventListener('click', () => {
      language = button.dataset.language;
      document.documentElement.lang = language;
      for (const other of document.querySelectorAll('#languages button')) other.setAttribute('aria-pressed', String(other === button));
      draw();
    });
  }

  const status = byId('connection');
  const stream = new EventSource(main.dataset.stream);
  stream.addEventListener('open', () => {
    status.textContent = '';
    status.hidden = true;
  });
  stream.addEventListener('error', () => {
    status.hidden = false;
    status.textContent = t('reconnecting');
  });
  stream.addEventListener('board', (event) => {
    const message = JSON.parse(event.data);
    offsetMs = new Date(message.now).getTime() - Date.now();
    board = message.board;
    draw();
  });
  setInterval(drawTimer, TICK_MS);

  if (control) {
    const result = byId('control-result');
    const say = (text, ok) => result.replaceChildren(el('p', { className: ok ? 'ok' : 'problem' }, text));
    main.addEventListener('submit', async (event) => {
      const form = event.target;
      if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-control')) return;
      event.preventDefault();
      const button = form.querySelector('button');
      button.disabled = true;
      try {
        const response = await fetch(form.action, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-CSRF-Token': main.dataset.csrf, Accept: 'application/json' },
          body: new URLSearchParams(new FormData(form)),
        });
        const answer = await response.json().catch(() => ({ ok: false, message: t('control.failed') }));
        say(answer.message, answer.ok);
      } catch {
        say(t('control.failed'), false);
      } finally {
        button.disabled = false;
        drawControls();
      }
    });
  }
}

document.addEventListener('DOMContentLoaded', () => {
  const main = document.getElementById('board');
  if (main?.dataset.stream) startBoard(main);
});
