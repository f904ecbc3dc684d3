import { messagesFor, type Locale } from '../../../i18n/messages.js';
import type { ChannelMessage, Persona, PlaygroundState } from '../../state.js';
import { SHORTCUT } from '../../../slack/ids.js';
import { sortByColumn, turnPage } from './tables.js';
import { controlAction, escapeHtml, formStateValues, mrkdwnToHtml, renderBlocks, renderConfirm, renderView, viewInputs, type RenderContext } from '../index.js';

/**
 * The page: Slack's frame (channels, the app's Home and Messages, a message box) around
 * what the bot sent, rendered by the Block Kit renderer. Every click, pick and submit goes
 * to the playground's server, which sends the bot what Slack would; what comes back
 * arrives as a new snapshot over server-sent events.
 */

declare global {
  interface Window {
    PLAYGROUND_TOKEN: string;
  }
}

type Place = { kind: 'channel'; id: string } | { kind: 'home' };

const token = window.PLAYGROUND_TOKEN;
const root = document.getElementById('app')!;
let state: PlaygroundState | undefined;
let me = localStorage.getItem('leadops-playground-person') ?? '';
let place: Place = { kind: 'channel', id: 'C0SALES' };
let events: EventSource | undefined;
const typed: string[] = [];
let recall = -1;
let shownModal = '';
let pendingConfirm: (() => void) | undefined;

function localeOf(persona: Persona | undefined): Locale {
  return persona?.locale.startsWith('zh') ? 'zh' : 'en';
}

function persona(): Persona | undefined {
  return state?.personas.find((candidate) => candidate.id === me);
}

function t() {
  return messagesFor(localeOf(persona())).playground;
}

function context(): RenderContext {
  const people = state?.people ?? [];
  return {
    userName: (id) => people.find((person) => person.id === id)?.name ?? id,
    channelName: (id) => state?.channels.find((channel) => channel.id === id)?.name ?? id,
    fileUrl: (id) => `/files/${encodeURIComponent(id)}?t=${encodeURIComponent(token)}`,
    users: people,
    timeZone: state?.timeZone ?? 'UTC',
    locale: localeOf(persona()),
    now: () => new Date(),
  };
}

async function post(path: string, body: Record<string, unknown>): Promise<unknown> {
  const response = await fetch(`${path}?t=${encodeURIComponent(token)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: me, ...body }),
  });
  if (!response.ok) throw new Error(await response.text());
  return response.json();
}

function report(error: unknown): void {
  console.error(error);
  const banner = document.getElementById('pg-banner');
  if (banner) {
    banner.textContent = t().failed;
    banner.hidden = false;
  }
}

function connect(): void {
  events?.close();
  events = new EventSource(`/events?t=${encodeURIComponent(token)}&user=${encodeURIComponent(me)}`);
  events.onmessage = (event) => {
    state = JSON.parse(event.data as string) as PlaygroundState;
    me = state.me;
    render();
  };
}

// ——— rendering ———

function render(): void {
  if (!state) return;
  if (!root.querySelector('.pg')) renderFrame();
  renderSidebar();
  renderMain();
  renderModal();
  root.removeAttribute('aria-busy');
}

function renderFrame(): void {
  root.innerHTML = `
    <div class="pg">
      <aside class="pg-sidebar" aria-label="Workspace"></aside>
      <main class="pg-main">
        <header class="pg-header"></header>
        <div id="pg-banner" class="pg-banner" role="alert" hidden></div>
        <section class="pg-messages" aria-live="polite"></section>
        <section class="pg-home" hidden></section>
        <form class="pg-composer" autocomplete="off">
          <ul class="pg-hints" role="listbox" hidden></ul>
          <input class="pg-input" name="text" aria-label="Message" spellcheck="false">
        </form>
      </main>
      <div class="pg-modal-layer" hidden></div>
      <div class="pg-confirm-layer" hidden></div>
    </div>`;
  const form = root.querySelector<HTMLFormElement>('.pg-composer')!;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void sendTyped();
  });
  const input = form.querySelector<HTMLInputElement>('.pg-input')!;
  input.addEventListener('input', () => showHints(input.value));
  input.addEventListener('keydown', (event) => recallTyped(event, input));
}

function renderSidebar(): void {
  const sidebar = root.querySelector('.pg-sidebar')!;
  const words = t();
  const personas = state!.personas
    .map((candidate) => `<option value="${escapeHtml(candidate.id)}"${candidate.id === me ? ' selected' : ''}>${escapeHtml(candidate.realName)} · ${escapeHtml(words.roles[candidate.role])} · ${escapeHtml(candidate.locale)}</option>`)
    .join('');
  const channels = state!.channels
    .filter((channel) => channel.kind === 'channel')
    .map((channel) => link({ kind: 'channel', id: channel.id }, `# ${escapeHtml(channel.name)}`))
    .join('');
  const dm = state!.channels.find((channel) => channel.kind === 'dm')!;
  const digests = state!.digests
    .map((digest) => `<li><button type="button" class="pg-run" data-digest="${escapeHtml(digest.name)}">${escapeHtml(words.runNow)}: ${escapeHtml(digestLabel(digest.name))}</button></li>`)
    .join('');
  sidebar.innerHTML = `
    <div class="pg-team"><strong>${escapeHtml(words.title)}</strong><small>${escapeHtml(words.subtitle)}</small></div>
    <label class="pg-person">${escapeHtml(words.youAre)}<select class="pg-person-select">${personas}</select></label>
    <h3>${escapeHtml(words.channels)}</h3><ul class="pg-nav">${channels}</ul>
    <h3>${escapeHtml(words.apps)}</h3><ul class="pg-nav">
      ${link({ kind: 'home' }, `leadops · ${escapeHtml(words.home)}`)}
      ${link({ kind: 'channel', id: dm.id }, `leadops · ${escapeHtml(words.messages)}`)}
    </ul>
    <h3>${escapeHtml(words.digests)}</h3><ul class="pg-digests">${digests}</ul>
    <button type="button" class="pg-reset">${escapeHtml(words.reset)}</button>`;
}

function digestLabel(name: string): string {
  const words = t();
  const labels: Record<string, string> = { 'weekly-funnel': words.digestWeekly, overdue: words.digestOverdue, goals: words.digestGoals, morning: words.digestMorning, bottlenecks: words.digestBottlenecks };
  return labels[name] ?? name;
}

function link(target: Place, label: string): string {
  const current = target.kind === place.kind && (target.kind === 'home' || (place.kind === 'channel' && target.id === place.id));
  const data = target.kind === 'home' ? 'data-place="home"' : `data-place="channel" data-channel="${escapeHtml(target.id)}"`;
  return `<li><a href="#" ${data}${current ? ' aria-current="page"' : ''}>${label}</a></li>`;
}

function renderMain(): void {
  const words = t();
  const header = root.querySelector('.pg-header')!;
  const list = root.querySelector<HTMLElement>('.pg-messages')!;
  const home = root.querySelector<HTMLElement>('.pg-home')!;
  const composer = root.querySelector<HTMLFormElement>('.pg-composer')!;
  if (place.kind === 'home') {
    header.innerHTML = `<h1>leadops</h1><nav class="pg-tabs"><a href="#" data-place="home" aria-current="page">${escapeHtml(words.home)}</a><a href="#" data-place="channel" data-channel="${escapeHtml(dmId())}">${escapeHtml(words.messages)}</a></nav>`;
    list.hidden = true;
    composer.hidden = true;
    home.hidden = false;
    home.innerHTML = state!.home ? renderView(state!.home, context()) : `<p class="pg-empty">${escapeHtml(words.emptyHome)}</p>`;
    return;
  }
  const channel = state!.channels.find((candidate) => candidate.id === (place as { id: string }).id) ?? state!.channels[0]!;
  const title = channel.kind === 'dm' ? 'leadops' : `# ${channel.name}`;
  header.innerHTML =
    channel.kind === 'dm'
      ? `<h1>leadops</h1><nav class="pg-tabs"><a href="#" data-place="home">${escapeHtml(words.home)}</a><a href="#" data-place="channel" data-channel="${escapeHtml(channel.id)}" aria-current="page">${escapeHtml(words.messages)}</a></nav>`
      : `<h1>${escapeHtml(title)}</h1>`;
  list.hidden = false;
  home.hidden = true;
  composer.hidden = false;
  const input = composer.querySelector<HTMLInputElement>('.pg-input')!;
  input.placeholder = words.composer(title);
  const messages = state!.messages[channel.id] ?? [];
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  // Replies sit under the message they answer, as an opened thread would show them.
  const replies = new Map<string, ChannelMessage[]>();
  for (const message of messages) if (message.threadTs) replies.set(message.threadTs, [...(replies.get(message.threadTs) ?? []), message]);
  const parents = messages.filter((message) => !message.threadTs || !messages.some((parent) => parent.ts === message.threadTs));
  list.innerHTML = parents.length > 0 ? parents.map((message) => messageHtml(message, replies.get(message.ts) ?? [])).join('') : `<p class="pg-empty">${escapeHtml(words.emptyChannel)}</p>`;
  if (atBottom || messages.length > 0) list.scrollTop = list.scrollHeight;
}

function dmId(): string {
  return state!.channels.find((channel) => channel.kind === 'dm')!.id;
}

/** Slack's eye beside "Only visible to you"; drawn, since a browser may have no emoji font. */
const EYE_ICON = '<svg class="pg-eye" viewBox="0 0 20 20" width="14" height="14" aria-hidden="true"><path fill="currentColor" d="M10 4C5.5 4 2.2 7.4 1 10c1.2 2.6 4.5 6 9 6s7.8-3.4 9-6c-1.2-2.6-4.5-6-9-6zm0 10a4 4 0 1 1 0-8 4 4 0 0 1 0 8zm0-6a2 2 0 1 0 0 4 2 2 0 0 0 0-4z"/></svg>';

function messageHtml(message: ChannelMessage, replies: ChannelMessage[] = []): string {
  const words = t();
  const bot = message.user === 'U0BOT';
  const author = bot ? 'leadops' : context().userName(message.user);
  const time = new Intl.DateTimeFormat(localeOf(persona()) === 'zh' ? 'zh-CN' : 'en-US', { hour: 'numeric', minute: '2-digit', timeZone: state!.timeZone }).format(new Date(Number(message.ts) * 1000));
  const body = message.blocks && message.blocks.length > 0 ? renderBlocks(message.blocks, context()) : `<div class="sk-section-text">${mrkdwnToHtml(message.text, context())}</div>`;
  const files = (message.files ?? [])
    .map((file) =>
      // The bot's charts are pictures; another file (an import's problem rows) is a download, as Slack shows it.
      file.name && !/\.png$/i.test(file.name)
        ? `<a class="pg-file pg-file-download" href="${escapeHtml(context().fileUrl(file.id)!)}" download="${escapeHtml(file.name)}">📄 ${escapeHtml(file.title ?? file.name)}</a>`
        : `<figure class="pg-file"><img src="${escapeHtml(context().fileUrl(file.id)!)}" alt="${escapeHtml(file.title ?? words.file)}"><figcaption>${escapeHtml(file.title ?? '')}</figcaption></figure>`,
    )
    .join('');
  // Slack offers the app's message shortcuts on every message but an ephemeral one.
  const more = message.ephemeralTo
    ? ''
    : `<details class="pg-message-more"><summary title="${escapeHtml(words.moreActions)}" aria-label="${escapeHtml(words.moreActions)}">⋯</summary><div class="pg-menu" role="menu"><button type="button" role="menuitem" data-shortcut="${escapeHtml(SHORTCUT.leadFromMessage)}">${escapeHtml(words.leadFromMessage)}</button></div></details>`;
  return `
    <article class="pg-message${message.ephemeralTo ? ' pg-ephemeral' : ''}" data-ts="${escapeHtml(message.ts)}" data-channel="${escapeHtml(message.channel)}">${more}
      <div class="pg-avatar${bot ? ' pg-avatar-bot' : ''}" aria-hidden="true">${escapeHtml([...author][0] ?? '?')}</div>
      <div class="pg-message-body">
        <div class="pg-meta"><strong>${escapeHtml(author)}</strong>${bot ? `<span class="pg-badge">${escapeHtml(words.app)}</span>` : ''}<time>${escapeHtml(time)}</time></div>
        <div class="sk-message">${body}</div>${files}
        ${message.ephemeralTo ? `<div class="pg-only-you">${EYE_ICON}${escapeHtml(words.onlyVisibleToYou)}</div>` : ''}
        ${replies.length > 0 ? `<section class="pg-thread" aria-label="${escapeHtml(words.thread)}"><div class="pg-thread-count">${escapeHtml(words.replies(replies.length))}</div>${replies.map((reply) => messageHtml(reply)).join('')}</section>` : ''}
      </div>
    </article>`;
}

function renderModal(): void {
  const layer = root.querySelector<HTMLElement>('.pg-modal-layer')!;
  const modal = state!.modal;
  if (!modal) {
    layer.hidden = true;
    layer.innerHTML = '';
    shownModal = '';
    return;
  }
  const key = `${modal.id}:${modal.hash}:${JSON.stringify(modal.errors ?? {})}`;
  if (key === shownModal) return;
  const sameView = shownModal.startsWith(`${modal.id}:${modal.hash}:`);
  // Field errors come back for the form the person filled in: keep what they typed.
  const kept = sameView ? formValues(layer.querySelector('form')) : undefined;
  // A chosen file cannot be set from a value, but its FileList carries over to the new control.
  const keptFiles = sameView ? [...layer.querySelectorAll<HTMLInputElement>('input[type="file"]')].map((input) => [input.name, input.files] as const) : [];
  layer.innerHTML = renderView(modal.view, context(), { errors: modal.errors });
  layer.hidden = false;
  shownModal = key;
  if (kept) restoreFormValues(layer.querySelector('form'), kept);
  for (const [name, files] of keptFiles) {
    const input = layer.querySelector<HTMLInputElement>(`input[type="file"][name="${CSS.escape(name)}"]`);
    if (input && files) input.files = files;
  }
  (layer.querySelector('[aria-invalid="true"]') ?? layer.querySelector('input, textarea, select'))?.scrollIntoView({ block: 'nearest' });
}

function formValues(form: HTMLFormElement | null): Map<string, string[]> | undefined {
  if (!form) return undefined;
  const data = new FormData(form);
  const values = new Map<string, string[]>();
  for (const key of new Set(data.keys())) {
    const chosen = data.getAll(key);
    // A file input's value is its files, which carry over on their own (renderModal).
    if (chosen.some((value) => typeof value !== 'string')) continue;
    values.set(key, chosen.map(String));
  }
  return values;
}

function restoreFormValues(form: HTMLFormElement | null, values: Map<string, string[]>): void {
  if (!form) return;
  for (const [name, chosen] of values) {
    for (const control of form.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(`[name="${CSS.escape(name)}"]`)) {
      if (control instanceof HTMLSelectElement) {
        for (const option of control.options) option.selected = chosen.includes(option.value);
      } else if (control instanceof HTMLInputElement && (control.type === 'checkbox' || control.type === 'radio')) {
        control.checked = chosen.includes(control.value);
      } else {
        control.value = chosen[0] ?? '';
      }
    }
  }
}

// ——— the message box: /lead with Slack's hints, ↑ to recall ———

interface Hint {
  usage: string;
  what: string;
}

function hints(): Hint[] {
  const usage = messagesFor(localeOf(persona())).helpUsage;
  return Object.values(usage).flatMap((line) => {
    const match = /^`([^`]+)` — (.*)$/.exec(line);
    if (!match) return [];
    const decode = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    return [{ usage: decode(match[1]!), what: decode(match[2]!.replace(/`/g, '')) }];
  });
}

function showHints(text: string): void {
  const list = root.querySelector<HTMLElement>('.pg-hints')!;
  const typedCommand = text.trimStart();
  if (!typedCommand.startsWith('/') || /^\/lead\s+\S+\s/.test(typedCommand)) {
    list.hidden = true;
    return;
  }
  const word = typedCommand.replace(/^\/lead\s*/, '').split(/\s/)[0] ?? '';
  const matching = hints().filter((hint) => ('/lead'.startsWith(typedCommand) || hint.usage.slice('/lead '.length).startsWith(word)));
  list.innerHTML = matching.map((hint) => `<li role="option" data-usage="${escapeHtml(hint.usage)}"><code>${escapeHtml(hint.usage)}</code><span>${escapeHtml(hint.what)}</span></li>`).join('');
  list.hidden = matching.length === 0;
}

function recallTyped(event: KeyboardEvent, input: HTMLInputElement): void {
  if (event.key === 'ArrowUp' && (input.value === '' || recall >= 0) && typed.length > 0) {
    event.preventDefault();
    recall = Math.min(recall + 1, typed.length - 1);
    input.value = typed[typed.length - 1 - recall]!;
  } else if (event.key === 'ArrowDown' && recall >= 0) {
    event.preventDefault();
    recall -= 1;
    input.value = recall >= 0 ? typed[typed.length - 1 - recall]! : '';
  } else if (event.key === 'Escape') {
    root.querySelector<HTMLElement>('.pg-hints')!.hidden = true;
  } else {
    recall = -1;
  }
}

async function sendTyped(): Promise<void> {
  const input = root.querySelector<HTMLInputElement>('.pg-input')!;
  const text = input.value.trim();
  if (!text || place.kind !== 'channel') return;
  typed.push(text);
  recall = -1;
  input.value = '';
  root.querySelector<HTMLElement>('.pg-hints')!.hidden = true;
  await post('/api/command', { channel: place.id, text }).catch(report);
}

// ——— what the person does ———

function goTo(target: Place): void {
  place = target;
  render();
  if (target.kind === 'home') void post('/api/home', {}).catch(report);
  else root.querySelector<HTMLInputElement>('.pg-input')?.focus();
}

/** A click or pick on an element of a message, or of the open modal. */
async function act(element: HTMLElement): Promise<void> {
  const type = element.dataset.actionType!;
  const blockId = element.dataset.blockId!;
  const actionId = element.dataset.actionId!;
  const modal = element.closest('.pg-modal-layer') ? state!.modal : undefined;
  if (modal) {
    const values = formStateValues(modal.view, readForm(element.closest('form')), state!.timeZone);
    const action = type === 'button' ? buttonAction(element) : type === 'overflow' ? overflowAction(element) : controlAction(inputOf(modal.view, blockId, actionId, element), state!.timeZone, actionTs());
    await post('/api/action', { viewId: modal.id, values, action });
    return;
  }
  if (element.closest('.pg-home') && state!.home) {
    // The Home is a view of its own: Slack sends its id and type with the action, and no response URL.
    const action = type === 'button' ? buttonAction(element) : type === 'overflow' ? overflowAction(element) : controlAction(inputOf(state!.home, blockId, actionId, element), state!.timeZone, actionTs());
    await post('/api/action', { home: true, action });
    return;
  }
  const article = element.closest<HTMLElement>('.pg-message');
  if (!article) return;
  const message = (state!.messages[article.dataset.channel!] ?? []).find((candidate) => candidate.ts === article.dataset.ts);
  const action = type === 'button' ? buttonAction(element) : type === 'overflow' ? overflowAction(element) : controlAction(inputOf({ blocks: message?.blocks ?? [] }, blockId, actionId, element), state!.timeZone, actionTs());
  await post('/api/action', { channel: article.dataset.channel, messageTs: article.dataset.ts, action });
}

function actionTs(): string {
  return (Date.now() / 1000).toFixed(6);
}

/** An overflow menu's pick: Slack sends the option chosen. */
function overflowAction(element: HTMLElement): Record<string, unknown> {
  return {
    type: 'overflow',
    action_id: element.dataset.actionId,
    block_id: element.dataset.blockId,
    selected_option: { text: { type: 'plain_text', text: element.textContent?.trim() ?? '' }, value: element.dataset.value },
  };
}

function buttonAction(element: HTMLElement): Record<string, unknown> {
  return {
    type: 'button',
    action_id: element.dataset.actionId,
    block_id: element.dataset.blockId,
    text: { type: 'plain_text', text: element.textContent?.trim() ?? '' },
    ...(element.dataset.value !== undefined ? { value: element.dataset.value } : {}),
  };
}

function inputOf(view: unknown, blockId: string, actionId: string, element: HTMLElement) {
  const known = viewInputs(view).find((input) => input.blockId === blockId && input.actionId === actionId);
  const values = controlValues(element);
  return { blockId, actionId, elementType: element.dataset.elementType ?? element.dataset.actionType!, values, ...(known?.options ? { options: known.options } : {}) };
}

function controlValues(element: HTMLElement): string[] {
  if (element instanceof HTMLSelectElement) return [...element.selectedOptions].map((option) => option.value);
  if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) return [element.value];
  return [...element.querySelectorAll<HTMLInputElement>('input:checked')].map((input) => input.value);
}

function readForm(form: HTMLFormElement | null): (name: string) => string[] {
  const data = form ? new FormData(form) : new FormData();
  return (name) => data.getAll(name).map(String);
}

function confirmFirst(element: HTMLElement, then: () => void): void {
  const layer = root.querySelector<HTMLElement>('.pg-confirm-layer')!;
  layer.innerHTML = renderConfirm(JSON.parse(element.dataset.confirm!), context());
  layer.hidden = false;
  pendingConfirm = then;
  layer.querySelector<HTMLElement>('[data-confirm-action="confirm"]')?.focus();
}

/** A chosen file handed to the fake Slack, as Slack uploads a file picked in a file input: its file id. */
async function uploadFile(file: File): Promise<string> {
  const query = new URLSearchParams({ t: token, user: me, name: file.name });
  const response = await fetch(`/api/file?${query}`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: file });
  if (!response.ok) throw new Error(await response.text());
  return ((await response.json()) as { id: string }).id;
}

async function submitModal(form: HTMLFormElement): Promise<void> {
  const modal = state?.modal;
  if (!modal) return;
  const uploaded = new Map<string, string[]>();
  for (const input of form.querySelectorAll<HTMLInputElement>('input[type="file"]')) {
    const ids: string[] = [];
    for (const file of input.files ?? []) ids.push(await uploadFile(file));
    uploaded.set(input.name, ids);
  }
  const read = readForm(form);
  const values = formStateValues(modal.view, (name) => uploaded.get(name) ?? read(name), state!.timeZone);
  await post('/api/submit', { viewId: modal.id, values });
}

document.addEventListener('click', (event) => {
  const target = event.target as HTMLElement;
  const placeLink = target.closest<HTMLElement>('[data-place]');
  if (placeLink) {
    event.preventDefault();
    goTo(placeLink.dataset.place === 'home' ? { kind: 'home' } : { kind: 'channel', id: placeLink.dataset.channel! });
    return;
  }
  const shortcut = target.closest<HTMLElement>('[data-shortcut]');
  if (shortcut) {
    const article = shortcut.closest<HTMLElement>('.pg-message');
    shortcut.closest('details')?.removeAttribute('open');
    if (article) void post('/api/shortcut', { channel: article.dataset.channel, messageTs: article.dataset.ts, callbackId: shortcut.dataset.shortcut }).catch(report);
    return;
  }
  const confirmChoice = target.closest<HTMLElement>('[data-confirm-action]');
  if (confirmChoice) {
    const layer = root.querySelector<HTMLElement>('.pg-confirm-layer')!;
    layer.hidden = true;
    layer.innerHTML = '';
    const then = pendingConfirm;
    pendingConfirm = undefined;
    if (confirmChoice.dataset.confirmAction === 'confirm') then?.();
    return;
  }
  const viewAction = target.closest<HTMLElement>('[data-view-action="close"]');
  if (viewAction && state?.modal) {
    void post('/api/close', { viewId: state.modal.id }).catch(report);
    return;
  }
  const hint = target.closest<HTMLElement>('[data-usage]');
  if (hint) {
    const input = root.querySelector<HTMLInputElement>('.pg-input')!;
    input.value = `${hint.dataset.usage!.replace(/\s*[[<].*$/, '')} `;
    root.querySelector<HTMLElement>('.pg-hints')!.hidden = true;
    input.focus();
    return;
  }
  const digest = target.closest<HTMLElement>('[data-digest]');
  if (digest) {
    // The morning DMs land in each rep's messages with the app; the digests in the managers' channel.
    const dm = state!.channels.find((channel) => channel.kind === 'dm');
    const name = digest.dataset.digest;
    goTo(name === 'morning' && dm ? { kind: 'channel', id: dm.id } : { kind: 'channel', id: name === 'bottlenecks' ? 'C0ALIGN' : 'C0MANAGERS' });
    digest.setAttribute('aria-busy', 'true');
    void post('/api/digest', { digest: digest.dataset.digest })
      .catch(report)
      .finally(() => digest.removeAttribute('aria-busy'));
    return;
  }
  if (target.closest('.pg-reset')) {
    if (window.confirm(t().resetConfirm)) void post('/api/reset', {}).catch(report);
    return;
  }
  const sort = target.closest<HTMLElement>('[data-sort-column]');
  if (sort) return sortByColumn(sort, context());
  const pageTurn = target.closest<HTMLElement>('[data-page-action]');
  if (pageTurn) return turnPage(pageTurn, context());
  const overflowToggle = target.closest<HTMLElement>('[data-overflow-toggle]');
  const openMenus = [...root.querySelectorAll<HTMLElement>('.sk-overflow-menu:not([hidden])')];
  for (const menu of openMenus) menu.hidden = true;
  if (overflowToggle) {
    const menu = overflowToggle.parentElement?.querySelector<HTMLElement>('.sk-overflow-menu');
    if (menu && !openMenus.includes(menu)) menu.hidden = false;
    return;
  }
  const button = target.closest<HTMLElement>('button[data-action-type="button"], a[data-action-type="button"], button[data-action-type="overflow"]');
  if (button) {
    event.preventDefault();
    const send = () => void act(button).catch(report);
    if (button.dataset.confirm) confirmFirst(button, send);
    else send();
  }
});

document.addEventListener('change', (event) => {
  const target = event.target as HTMLElement;
  if (target.classList.contains('pg-person-select')) {
    me = (target as HTMLSelectElement).value;
    localStorage.setItem('leadops-playground-person', me);
    shownModal = '';
    if (place.kind === 'channel' && place.id.startsWith('D')) place = { kind: 'channel', id: 'C0SALES' };
    connect();
    return;
  }
  const control = target.closest<HTMLElement>('[data-action-type]');
  // Inputs of a modal only speak up on submit, unless their block dispatches actions.
  if (control && control.dataset.actionType !== 'button' && (!control.closest('.pg-modal-layer') || control.dataset.dispatchAction === 'true')) {
    void act(control).catch(report);
  }
});

document.addEventListener('submit', (event) => {
  const form = event.target as HTMLFormElement;
  if (!form.matches('[data-view-form]')) return;
  event.preventDefault();
  void submitModal(form).catch(report);
});

connect();
