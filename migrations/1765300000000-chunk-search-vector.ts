import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PostgreSQL full-text search reads a stored `tsvector` instead of computing `to_tsvector` per row:
 * the expression index found the matching rows, but ranking them (`ts_rank`) parsed every match's
 * content again, which took seconds on large collections. The column is generated, so every write
 * keeps it in step without the application knowing. SQLite's FTS5 table is unchanged.
 */
export class ChunkSearchVector1765300000000 implements MigrationInterface {
  name = 'ChunkSearchVector1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') return;
    await queryRunner.query(
      `ALTER TABLE document_chunk
         ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple', content)) STORED`,
    );
    await queryRunner.query('DROP INDEX document_chunk_fts_idx');
    await queryRunner.query('CREATE INDEX document_chunk_search_idx ON document_chunk USING gin (search_vector)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') return;
    await queryRunner.query('DROP INDEX document_chunk_search_idx');
    await queryRunner.query('ALTER TABLE document_chunk DROP COLUMN search_vector');
    await queryRunner.query(
      "CREATE INDEX document_chunk_fts_idx ON document_chunk USING gin (to_tsvector('simple', content))",
    );
  }
}
