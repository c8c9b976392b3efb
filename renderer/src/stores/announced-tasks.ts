/**
 * The interrupted tasks this client has already announced (toast + unseen count), by task Id. Main lists a task a
 * crash cut short on every start of the app and every reload of the page; the user hears about it once per
 * client, so the Ids outlive a reload (localStorage), bounded to the newest few hundred.
 */
const storageKey = 'hyperdesk.announced-interrupted-tasks';
const keep = 300;

function read(): string[] {
  try {
    const raw = window.localStorage.getItem(storageKey);
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
  } catch (err) {
    // Storage disabled or the entry damaged: announce again rather than never.
    console.warn('announced tasks unavailable', err);
    return [];
  }
}

export function wasAnnounced(taskId: string): boolean {
  return read().includes(taskId);
}

export function markAnnounced(taskId: string): void {
  const ids = read().filter((id) => id !== taskId);
  ids.push(taskId);
  try {
    window.localStorage.setItem(storageKey, JSON.stringify(ids.slice(-keep)));
  } catch (err) {
    console.warn('could not remember an announced task', err);
  }
}
