import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
export const usingPostgres = () => Boolean(process.env.TEST_DATABASE_URL);
export async function createTestDatabase() {
    const dataDir = mkdtempSync(join(tmpdir(), 'webui-nest-test-'));
    const adminUrl = process.env.TEST_DATABASE_URL;
    if (!adminUrl) {
        return {
            env: { DATA_DIR: dataDir },
            dataDir,
            drop: () => Promise.resolve(rmSync(dataDir, { recursive: true, force: true })),
        };
    }
    const name = `webui_test_${randomBytes(6).toString('hex')}`;
    await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return {
        env: { DATA_DIR: dataDir, DATABASE_URL: url.toString() },
        dataDir,
        drop: async () => {
            await withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
            rmSync(dataDir, { recursive: true, force: true });
        },
    };
}
async function withClient(url, work) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
        return await work(client);
    }
    finally {
        await client.end();
    }
}
//# sourceMappingURL=database.js.map