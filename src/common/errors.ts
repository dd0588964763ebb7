/**
 * Domain errors: services throw these, and one filter (http-exception.filter.ts) maps them to HTTP.
 * Texts the SPA shows are Open WebUI's, verbatim: it toasts `detail` as it is.
 */
export const MESSAGES = {
  INVALID_CRED: 'The email or password provided is incorrect. Please check for typos and try logging in again.',
  EMAIL_TAKEN:
    'Uh-oh! This email is already registered. Sign in with your existing account or choose another email to start anew.',
  INVALID_EMAIL_FORMAT:
    "The email format you entered is invalid. Please double-check and make sure you're using a valid email address (e.g., yourname@example.com).",
  INCORRECT_PASSWORD: 'The password provided is incorrect. Please check for typos and try again.',
  PASSWORD_TOO_LONG:
    'Uh-oh! The password you entered is too long. Please make sure your password is less than 72 bytes long.',
  INVALID_PASSWORD: 'The password does not meet the required validation criteria.',
  INVALID_TOKEN: 'Your session has expired or the token is invalid. Please sign in again.',
  UNAUTHORIZED: '401 Unauthorized',
  NOT_AUTHENTICATED: 'Not authenticated',
  ACCESS_PROHIBITED:
    'You do not have permission to access this resource. Please contact your administrator for assistance.',
  ACTION_PROHIBITED: 'The requested action has been restricted as a security measure.',
  LOGIN_FORM_DISABLED: 'Sign-in with a password is disabled on this server (ENABLE_LOGIN_FORM=false).',
  NOT_FOUND: "We could not find what you're looking for :/",
  DEFAULT: 'Something went wrong :/',
  API_KEY_NOT_FOUND:
    "Oops! It looks like there's a hiccup. The API key is missing. Please make sure to provide a valid API key to access this feature.",
  API_KEY_NOT_ALLOWED: 'Use of API key is not enabled in the environment.',
  API_KEY_CREATION_NOT_ALLOWED: 'API key creation is not allowed in the environment.',
  API_KEY_ENDPOINT_NOT_ALLOWED: 'API key not allowed to access this endpoint.',
  SIGNUP_ERROR: 'An internal error occurred during signup.',
  ADD_USER_ERROR: 'An internal error occurred while adding the user.',
  PASSWORD_QUEUE_FULL: 'The server is busy checking other sign-ins. Please try again in a moment.',
  PASSWORD_CHECK_ABANDONED: 'The sign-in was abandoned before its turn.',
  TOO_MANY_SIGNIN_ATTEMPTS: 'Too many sign-in attempts. Please wait a few minutes and try again.',
  EXISTING_USERS:
    "You can't turn off authentication because there are existing users. If you want to disable WEBUI_AUTH, make sure your web interface doesn't have any existing users and is a fresh installation.",
  INVALID_TRUSTED_HEADER:
    'Your provider has not provided a trusted header. Please contact your administrator for assistance.',
  PRIMARY_ADMIN: 'The primary admin account cannot be demoted or deleted by another account.',
  SELF_DELETE: 'You cannot delete your own account.',
  REDIS_UNAVAILABLE: 'A shared service (Redis) is briefly unavailable. Please try again.',
  DATABASE_UNAVAILABLE: 'The database is briefly unavailable. Please try again.',
} as const;

export type ErrorKind =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'too_many_requests'
  | 'bad_gateway'
  | 'gateway_timeout'
  | 'service_unavailable'
  | 'internal';

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly detail: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

/** One rule a field broke, located as FastAPI does (`["body", "messages"]`). */
export interface FieldError {
  loc: (string | number)[];
  msg: string;
  type: string;
}

/** Input that breaks field rules: 422 with FastAPI's `detail` list, as the validation pipe answers. */
export class InvalidInput extends Error {
  constructor(readonly errors: FieldError[]) {
    super(errors.map((error) => `${error.loc.join('.')}: ${error.msg}`).join('; '));
  }
}

export const invalidField = (field: string, msg: string) =>
  new InvalidInput([{ loc: ['body', field], msg, type: 'value_error' }]);

export const badRequest = (detail: string) => new AppError('bad_request', detail);
export const unauthorized = (detail: string = MESSAGES.UNAUTHORIZED) => new AppError('unauthorized', detail);
export const forbidden = (detail: string = MESSAGES.ACCESS_PROHIBITED) => new AppError('forbidden', detail);
export const notFound = (detail: string = MESSAGES.NOT_FOUND) => new AppError('not_found', detail);
/** Errors Open WebUI answers with 500 on purpose (e.g. password policy at signup); the SPA shows the text. */
export const internal = (detail: string) => new AppError('internal', detail);

/** The message of anything thrown, for logs and user-facing error texts. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
