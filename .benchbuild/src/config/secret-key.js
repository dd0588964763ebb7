import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
const SECRET_FILE = '.webui_secret_key';
/**
 * WEBUI_SECRET_KEY signs every token. When it is not set we generate one and keep it in DATA_DIR
 * (the same file Open WebUI's start script uses) so sessions survive a restart.
 */
export function resolveSecretKey(configured, dataDir) {
    if (configured)
        return configured;
    const file = join(dataDir, SECRET_FILE);
    try {
        const stored = readFileSync(file, 'utf8').trim();
        if (stored)
            return stored;
    }
    catch (error) {
        if (error.code !== 'ENOENT')
            throw error;
    }
    mkdirSync(dataDir, { recursive: true });
    const generated = randomBytes(32).toString('base64url');
    // 'wx' fails if another process created it first; then read theirs so both agree.
    try {
        writeFileSync(file, generated, { flag: 'wx', mode: 0o600 });
        return generated;
    }
    catch (error) {
        if (error.code !== 'EEXIST')
            throw error;
        return readFileSync(file, 'utf8').trim();
    }
}
//# sourceMappingURL=secret-key.js.map