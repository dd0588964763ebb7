var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
import { Injectable } from '@nestjs/common';
import bcrypt from 'bcrypt';
import { InjectConfig } from '../config/config.module.js';
import { badRequest, MESSAGES } from '../common/errors.js';
/** bcrypt only reads 72 bytes; longer passwords are cut there, as Open WebUI does. */
const BCRYPT_MAX_BYTES = 72;
function truncate(password) {
    return Buffer.from(password, 'utf8').subarray(0, BCRYPT_MAX_BYTES);
}
let PasswordService = class PasswordService {
    constructor(config) {
        this.config = config;
        this.policy = config.auth.passwordValidation ? new RegExp(config.auth.passwordRegex) : null;
    }
    /** Throws 400 when the password is over 72 bytes or fails PASSWORD_VALIDATION_REGEX_PATTERN. */
    assertAcceptable(password) {
        if (Buffer.byteLength(password, 'utf8') > BCRYPT_MAX_BYTES)
            throw badRequest(MESSAGES.PASSWORD_TOO_LONG);
        if (this.policy && !this.policy.test(password))
            throw badRequest(MESSAGES.INVALID_PASSWORD);
    }
    hash(password) {
        return bcrypt.hash(truncate(password), this.config.auth.bcryptRounds);
    }
    /**
     * Checks a password. With no stored hash it still spends one bcrypt comparison, so response
     * time does not reveal whether an account exists.
     */
    async verify(password, hash) {
        if (hash === undefined) {
            this.dummyHash ??= bcrypt.hash('not-a-password', this.config.auth.bcryptRounds);
            await bcrypt.compare(truncate(password), await this.dummyHash);
            return false;
        }
        try {
            return await bcrypt.compare(truncate(password), hash);
        }
        catch {
            // A malformed stored hash (e.g. imported data) is a failed sign-in, not a crash.
            return false;
        }
    }
};
PasswordService = __decorate([
    Injectable(),
    __param(0, InjectConfig()),
    __metadata("design:paramtypes", [Object])
], PasswordService);
export { PasswordService };
//# sourceMappingURL=password.service.js.map