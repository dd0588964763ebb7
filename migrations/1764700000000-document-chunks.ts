import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Chunks of extracted text, per vector collection (`file-{id}`, or a knowledge base's id), with a
 * full-text index: SQLite FTS5 (bm25) kept in step by triggers; PostgreSQL full-text search on an
 * expression index. Raw SQL, no entity: the FTS machinery is not something TypeORM can describe.
 */
export class DocumentChunks1764700000000 implements MigrationInterface {
  name = 'DocumentChunks1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const isPostgres = queryRunner.connection.options.type === 'postgres';
    await queryRunner.query(
      `CREATE TABLE document_chunk (
         id ${isPostgres ? 'bigserial PRIMARY KEY' : 'INTEGER PRIMARY KEY AUTOINCREMENT'},
         collection_name varchar NOT NULL, file_id varchar NULL, position integer NOT NULL,
         content text NOT NULL, metadata text NOT NULL, created_at bigint NOT NULL)`,
    );
    await queryRunner.query('CREATE INDEX document_chunk_collection_idx ON document_chunk (collection_name, position)');
    await queryRunner.query('CREATE INDEX document_chunk_file_idx ON document_chunk (file_id)');
    if (isPostgres) {
      await queryRunner.query(
        "CREATE INDEX document_chunk_fts_idx ON document_chunk USING gin (to_tsvector('simple', content))",
      );
      return;
    }
    // The collection is indexed too, so a search narrows to a collection inside the index itself.
    await queryRunner.query(
      `CREATE VIRTUAL TABLE document_chunk_fts USING fts5(collection_name, content,
         content = 'document_chunk', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2')`,
    );
    await queryRunner.query(
      `CREATE TRIGGER document_chunk_fts_insert AFTER INSERT ON document_chunk BEGIN
         INSERT INTO document_chunk_fts (rowid, collection_name, content) VALUES (new.id, new.collection_name, new.content);
       END`,
    );
    await queryRunner.query(
      `CREATE TRIGGER document_chunk_fts_delete AFTER DELETE ON document_chunk BEGIN
         INSERT INTO document_chunk_fts (document_chunk_fts, rowid, collection_name, content)
         VALUES ('delete', old.id, old.collection_name, old.content);
       END`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') await queryRunner.query('DROP TABLE document_chunk_fts');
    await queryRunner.query('DROP TABLE document_chunk');
  }
}
