// The one origin's API: /api/{price|yield|rebalancer|devnet}/v1/… forwarded by the console's backend.
// The bearer token lives in this module's memory only: never in storage, never in the URL.

let token = null;

export function setToken(value) {
  token = value && value.trim() ? value.trim() : null;
}

export function hasToken() {
  return token !== null;
}

/** Roles named in the token's `groups` claim, for what the page shows; the services decide what is allowed. */
export function roles() {
  if (!token) return [];
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const claims = JSON.parse(atob(part + '='.repeat((4 - part.length % 4) % 4)));
    return Array.isArray(claims.groups) ? claims.groups : [];
  } catch {
    return [];
  }
}

/** A refused call: the API's problem+json, its `detail` (or `title`) as the message. */
export class ApiProblem extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export async function api(path, { method = 'GET', body } = {}) {
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`/api/${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!res.ok) {
    throw new ApiProblem(res.status, json && typeof json === 'object' ? json : { title: `HTTP ${res.status}`, detail: text || res.statusText });
  }
  return json;
}

/** Server-sent events of one service's stream; calls onEvent with each parsed element, onState with 'on'/'off'. */
export function stream(path, onEvent, onState) {
  const source = new EventSource(`/api/${path}`);
  source.onopen = () => onState('on');
  source.onerror = () => onState('off');
  source.onmessage = (e) => {
    try {
      onEvent(JSON.parse(e.data));
    } catch (err) {
      console.warn('bad event', err);
    }
  };
  return source;
}
