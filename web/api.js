// api.js - the JSON API client and the signed-in session.

/** The signed-in user and the CSRF token; policy is cached after first load. */
export const session = {
  user: null,
  csrf: null,
  policy: null,
  policyPromise: null,
};

export const ROLE_NAMES = {
  district_admin: '教育局管理员',
  inspector: '督导员',
  enforcement: '联合执法人员',
  principal: '校长',
  academic_office: '教导处',
  teacher: '教师',
  parent: '家长',
  institution: '培训机构',
};

export function roleName(role, given) {
  return given || ROLE_NAMES[role] || role || '';
}

/** An error answered by the server (or a network failure, status 0). */
export class ApiError extends Error {
  constructor(status, code, message, requestId, details, retryAfter) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.requestId = requestId || null;
    this.details = details || null;
    this.retryAfter = retryAfter; // seconds, or null
  }
}

const FALLBACK_MESSAGES = {
  400: '请求格式有误',
  401: '尚未登录或登录已过期，请重新登录',
  403: '没有权限执行此操作',
  404: '未找到请求的内容',
  409: '数据冲突，请刷新后重试',
  413: '提交的内容过大',
  415: '请求格式不受支持',
  422: '提交的内容未通过校验',
  429: '操作过于频繁，请稍后再试',
};

function fallbackMessage(status) {
  if (FALLBACK_MESSAGES[status]) return FALLBACK_MESSAGES[status];
  if (status >= 500) return '服务器暂时不可用，请稍后再试';
  return '请求失败（HTTP ' + status + '）';
}

/** Retry-After is either delta-seconds or an HTTP date. */
function parseRetryAfter(v) {
  if (!v) return null;
  if (/^\d+$/.test(v.trim())) return parseInt(v.trim(), 10);
  const t = Date.parse(v);
  if (Number.isNaN(t)) return null;
  return Math.max(0, Math.ceil((t - Date.now()) / 1000));
}

let unauthorizedHandler = null;

/** app.js registers what to do when a call answers 401 (go to 登录). */
export function onUnauthorized(fn) {
  unauthorizedHandler = fn;
}

/**
 * Call the API. opts: {body, query, signal, noAuthRedirect}.
 * Resolves to the parsed JSON; rejects with ApiError. Writes carry the CSRF
 * token and a JSON content type; cookies go same-origin only.
 */
export async function api(method, path, opts = {}) {
  let url = path;
  if (opts.query) {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(opts.query)) {
      if (v !== '' && v !== null && v !== undefined) qs.set(k, String(v));
    }
    const s = qs.toString();
    if (s) url += '?' + s;
  }
  const headers = { Accept: 'application/json' };
  const init = { method, headers, credentials: 'same-origin', cache: 'no-store', signal: opts.signal };
  if (method !== 'GET' && method !== 'HEAD') {
    headers['Content-Type'] = 'application/json';
    headers['X-CSRF-Token'] = session.csrf || '';
    if (opts.body !== undefined) init.body = JSON.stringify(opts.body);
  }

  let res;
  try {
    res = await fetch(url, init);
  } catch (e) {
    if (e && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试', null, null, null);
  }

  let data = null;
  let text = '';
  try {
    text = await res.text();
  } catch (e) {
    if (e && e.name === 'AbortError') throw e;
  }
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (res.ok) return data === null ? {} : data;

  const err = errorFrom(res.status, data, (n) => res.headers.get(n));
  if (res.status === 401 && !opts.noAuthRedirect && unauthorizedHandler) unauthorizedHandler(err);
  throw err;
}

/** Build the ApiError for a failed answer: its JSON body and a header getter. */
function errorFrom(status, data, header) {
  const er = (data && typeof data.error === 'object' && data.error) || {};
  return new ApiError(
    status,
    typeof er.code === 'string' ? er.code : 'HTTP_' + status,
    typeof er.message === 'string' && er.message ? er.message : fallbackMessage(status),
    typeof er.request_id === 'string' ? er.request_id : header('X-Request-Id'),
    er.details && typeof er.details === 'object' ? er.details : null,
    parseRetryAfter(header('Retry-After')),
  );
}

/**
 * Send a file as the raw request body (the import API). opts: {query,
 * contentType, signal, onProgress(loaded, total)}. Uses XMLHttpRequest, the
 * one browser API that reports upload progress. Resolves to the parsed JSON;
 * rejects with ApiError, or an AbortError when the signal fires.
 */
export function upload(method, path, body, opts = {}) {
  let url = path;
  if (opts.query) {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(opts.query)) {
      if (v !== '' && v !== null && v !== undefined) qs.set(k, String(v));
    }
    const s = qs.toString();
    if (s) url += '?' + s;
  }
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const abort = () => xhr.abort();
    xhr.open(method, url);
    xhr.withCredentials = false; // same origin: the session cookie goes anyway
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Content-Type', opts.contentType || 'application/octet-stream');
    xhr.setRequestHeader('X-CSRF-Token', session.csrf || '');
    if (opts.onProgress) {
      xhr.upload.addEventListener('progress', (ev) => opts.onProgress(ev.loaded, ev.lengthComputable ? ev.total : 0));
      xhr.upload.addEventListener('load', () => opts.onProgress(-1, 0));
    }
    xhr.addEventListener('load', () => {
      if (opts.signal) opts.signal.removeEventListener('abort', abort);
      let data = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(data === null ? {} : data);
        return;
      }
      const err = errorFrom(xhr.status, data, (n) => xhr.getResponseHeader(n));
      if (xhr.status === 401 && unauthorizedHandler) unauthorizedHandler(err);
      reject(err);
    });
    xhr.addEventListener('error', () => {
      reject(new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试', null, null, null));
    });
    xhr.addEventListener('abort', () => {
      reject(new DOMException('aborted', 'AbortError'));
    });
    if (opts.signal) {
      if (opts.signal.aborted) {
        reject(new DOMException('aborted', 'AbortError'));
        return;
      }
      opts.signal.addEventListener('abort', abort);
    }
    xhr.send(body);
  });
}

export function setSession(data) {
  session.user = data && data.user ? data.user : null;
  session.csrf = data && typeof data.csrf_token === 'string' ? data.csrf_token : null;
}

export function clearSession() {
  session.user = null;
  session.csrf = null;
  session.policy = null;
  session.policyPromise = null;
}

/** The active policy pack, fetched once per sign-in. */
export function loadPolicy() {
  if (session.policy) return Promise.resolve(session.policy);
  if (!session.policyPromise) {
    session.policyPromise = api('GET', '/api/v1/policy').then(
      (p) => {
        session.policy = p;
        return p;
      },
      (e) => {
        session.policyPromise = null;
        throw e;
      },
    );
  }
  return session.policyPromise;
}

export function isAbort(e) {
  return e && e.name === 'AbortError';
}

/**
 * A write whose answer is a file (the provisioning sheet): JSON body in,
 * {blob, filename} out; a refusal rejects with ApiError like api().
 */
export async function apiBlob(method, path, opts = {}) {
  const headers = { Accept: '*/*', 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrf || '' };
  let res;
  try {
    res = await fetch(path, { method, headers, credentials: 'same-origin', cache: 'no-store', signal: opts.signal, body: JSON.stringify(opts.body || {}) });
  } catch (e) {
    if (e && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试', null, null, null);
  }
  if (res.ok) {
    const cd = res.headers.get('Content-Disposition') || '';
    const m = /filename="?([^";]+)"?/.exec(cd);
    return { blob: await res.blob(), filename: m ? m[1] : null };
  }
  let data = null;
  try {
    data = JSON.parse(await res.text());
  } catch (e) {
    if (e && e.name === 'AbortError') throw e;
    data = null;
  }
  const err = errorFrom(res.status, data, (n) => res.headers.get(n));
  if (res.status === 401 && unauthorizedHandler) unauthorizedHandler(err);
  throw err;
}
