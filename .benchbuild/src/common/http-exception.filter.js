var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Catch, HttpException, HttpStatus } from '@nestjs/common';
import { AppError, MESSAGES } from './errors.js';
const STATUS_BY_KIND = {
    bad_request: HttpStatus.BAD_REQUEST,
    unauthorized: HttpStatus.UNAUTHORIZED,
    forbidden: HttpStatus.FORBIDDEN,
    not_found: HttpStatus.NOT_FOUND,
    conflict: HttpStatus.CONFLICT,
    too_many_requests: HttpStatus.TOO_MANY_REQUESTS,
    internal: HttpStatus.INTERNAL_SERVER_ERROR,
};
/**
 * The one place errors become HTTP: every answer is JSON `{"detail": ...}` because the SPA does
 * `throw await res.json()` on any non-2xx. Unknown errors are logged with the request id and
 * answered with a generic 500 so internals never leak.
 */
let HttpExceptionFilter = class HttpExceptionFilter {
    constructor(logger) {
        this.logger = logger;
    }
    catch(exception, host) {
        const context = host.switchToHttp();
        const res = context.getResponse();
        const req = context.getRequest();
        const { status, body, headers } = this.toResponse(exception, req);
        if (res.headersSent) {
            res.end();
            return;
        }
        res.status(status).set(headers).json(body);
    }
    toResponse(exception, req) {
        if (exception instanceof AppError) {
            return { status: STATUS_BY_KIND[exception.kind], body: { detail: exception.detail }, headers: exception.headers };
        }
        if (exception instanceof HttpException) {
            const response = exception.getResponse();
            const detail = typeof response === 'object' && 'detail' in response ? response.detail : exception.message;
            return { status: exception.getStatus(), body: { detail }, headers: {} };
        }
        this.logger.error({ reqId: req?.id, err: exception }, 'unhandled error');
        return { status: HttpStatus.INTERNAL_SERVER_ERROR, body: { detail: MESSAGES.DEFAULT }, headers: {} };
    }
};
HttpExceptionFilter = __decorate([
    Catch(),
    __metadata("design:paramtypes", [Object])
], HttpExceptionFilter);
export { HttpExceptionFilter };
//# sourceMappingURL=http-exception.filter.js.map