import { AppError } from '../errors.js';

/** Why an outbound request was refused or failed; callers branch on this, users read the detail. */
export type OutboundFailure =
  | 'invalid_url'
  | 'forbidden_address'
  | 'unresolvable'
  | 'too_many_redirects'
  | 'too_large'
  | 'timeout'
  | 'unreachable'
  | 'bad_response';

/**
 * A refused or failed request to a user-given URL. It is a 400: the URL came from the user, and the
 * detail is safe to show them (it never names the addresses a host resolved to); `cause` keeps the
 * underlying error for logs.
 */
export class OutboundRequestError extends AppError {
  constructor(
    readonly reason: OutboundFailure,
    detail: string,
    cause?: unknown,
  ) {
    super('bad_request', detail);
    this.name = 'OutboundRequestError';
    if (cause !== undefined) this.cause = cause;
  }
}

export const outboundErrors = {
  invalidUrl: (cause?: unknown) => new OutboundRequestError('invalid_url', 'The URL is not valid.', cause),
  forbiddenScheme: () => new OutboundRequestError('invalid_url', 'Only http and https URLs can be fetched.'),
  credentialsInUrl: () => new OutboundRequestError('invalid_url', 'URLs with a user name or password are not allowed.'),
  forbiddenAddress: () =>
    new OutboundRequestError('forbidden_address', 'URL resolves to a private or internal address.'),
  unresolvable: (cause?: unknown) =>
    new OutboundRequestError('unresolvable', 'The host name of the URL could not be resolved.', cause),
  tooManyRedirects: (limit: number) =>
    new OutboundRequestError('too_many_redirects', `The URL redirected more than ${limit} times.`),
  tooLarge: (maxBytes: number) =>
    new OutboundRequestError('too_large', `The response is larger than the limit of ${maxBytes} bytes.`),
  timeout: (timeoutMs: number) => new OutboundRequestError('timeout', `The URL did not answer within ${timeoutMs} ms.`),
  unreachable: (cause?: unknown) => new OutboundRequestError('unreachable', 'The URL could not be reached.', cause),
  undecodable: (cause?: unknown) =>
    new OutboundRequestError('bad_response', 'The response of the URL could not be decoded.', cause),
};
