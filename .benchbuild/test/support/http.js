/** A tiny fetch client against the running app: real HTTP, real headers. */
export class HttpClient {
    constructor(baseUrl) {
        this.baseUrl = baseUrl;
    }
    get(path, options = {}) {
        return this.request('GET', path, undefined, options);
    }
    post(path, body, options = {}) {
        return this.request('POST', path, body, options);
    }
    delete(path, options = {}) {
        return this.request('DELETE', path, undefined, options);
    }
    async request(method, path, body, options = {}) {
        const headers = { ...options.headers };
        if (options.token)
            headers.authorization = `Bearer ${options.token}`;
        if (options.apiKey)
            headers['x-api-key'] = options.apiKey;
        if (options.cookie)
            headers.cookie = options.cookie;
        let payload;
        if (options.raw !== undefined) {
            payload = options.raw;
            headers['content-type'] ??= 'application/json';
        }
        else if (body !== undefined) {
            payload = JSON.stringify(body);
            headers['content-type'] = 'application/json';
        }
        const response = await fetch(this.baseUrl + path, { method, headers, body: payload, redirect: 'manual' });
        const text = await response.text();
        let parsed = text;
        try {
            parsed = text ? JSON.parse(text) : undefined;
        }
        catch {
            // not JSON: keep the text
        }
        return { status: response.status, body: parsed, headers: response.headers, text };
    }
}
//# sourceMappingURL=http.js.map