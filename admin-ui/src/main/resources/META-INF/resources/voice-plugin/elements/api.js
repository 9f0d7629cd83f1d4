// Shared fetch helper of the voice-plugin elements: JSON in and out, the CSRF header on every
// state-changing request, and problem+json turned into an ApiError that carries the server's hint.

/** The header every state-changing request carries; the server refuses writes without it (CSRF). */
export const CSRF_HEADER = 'X-Requested-With';
export const CSRF_VALUE = 'voice-plugin';

/** An error answered by the API as application/problem+json. */
export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {{code?: string, hint?: string, detail?: string, title?: string, errors?: Array<{field: string, code: string, message: string}>, requestId?: string}} problem
   * @param {Headers} [headers]
   */
  constructor(status, problem, headers) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = problem.code || 'http_' + status;
    this.hint = problem.hint || '';
    this.errors = problem.errors || [];
    this.requestId = problem.requestId;
    this.problem = problem;
    this.headers = headers;
  }

  /** One line a person can act on: the hint when there is one, else the detail. */
  get humanMessage() {
    return this.hint ? `${this.message} ${this.hint}` : this.message;
  }
}

/**
 * Calls the plugin API.
 * @param {string} base the API base URL, e.g. "/api/v1"
 * @param {string} path e.g. "realtime-settings"
 * @param {{method?: string, body?: unknown, contentType?: string, headers?: Record<string, string>, signal?: AbortSignal,
 *   keepalive?: boolean}} [options] with contentType, body is a string sent as it is (an SDP offer), else it is sent as JSON;
 *   keepalive lets a request outlive the page (hanging up a call on the way out)
 * @returns {Promise<{status: number, headers: Headers, body: any}>} body: parsed JSON, or the text of any other type
 */
export async function callApi(base, path, options = {}) {
  const method = options.method || 'GET';
  /** @type {Record<string, string>} */
  const headers = { Accept: 'application/json', ...(options.headers || {}) };
  if (method !== 'GET' && method !== 'HEAD') headers[CSRF_HEADER] = CSRF_VALUE;
  let body;
  if (options.body !== undefined) {
    headers['Content-Type'] = options.contentType || 'application/json';
    body = options.contentType ? String(options.body) : JSON.stringify(options.body);
  }
  const url = `${base.replace(/\/$/, '')}/${path.replace(/^\//, '')}`;
  let response;
  try {
    response = await fetch(url, {
      method, headers, body, credentials: 'same-origin', signal: options.signal, keepalive: options.keepalive,
    });
  } catch (e) {
    if (e && /** @type {Error} */ (e).name === 'AbortError') throw e;
    throw new ApiError(0, { code: 'network_error', detail: 'The server could not be reached.', hint: 'Check your connection and try again.' });
  }
  const type = response.headers.get('Content-Type') || '';
  const parsed = type.includes('json') ? await response.json().catch(() => ({})) : await response.text();
  if (!response.ok) {
    const problem = typeof parsed === 'object' && parsed ? parsed : { detail: String(parsed).slice(0, 200) };
    throw new ApiError(response.status, problem, response.headers);
  }
  return { status: response.status, headers: response.headers, body: parsed };
}
