import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Chunk vectors, in the main database on both dialects. Raw SQL, no entities, like document_chunk.
 *
 * - `embedding_space`: one row per embedding model (engine + model) whose vectors are stored; its
 *   dimension is known from the first vector. A space is `building` until every chunk has a vector in
 *   it (the re-embed job), then `ready`; queries only ever use the ready space of the configured model.
 * - `chunk_vector`: one vector per chunk and space, unit length. PostgreSQL keeps it as `real[]`, so
 *   the same table serves with and without pgvector: with it, each space gets an HNSW index on the
 *   expression `embedding::vector(n)` (created at run time, once the space's dimension is known);
 *   SQLite keeps float32 little-endian blobs. The collection is copied in to filter without a join.
 * - `collection_version`: a token per collection, changed by every write to its chunks or vectors,
 *   so an instance holding vectors in memory can tell they went stale (another instance wrote).
 */
export class ChunkVectors1764900000000 implements MigrationInterface {
  name = 'ChunkVectors1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const pg = queryRunner.connection.options.type === 'postgres';
    await queryRunner.query(
      `CREATE TABLE embedding_space (
         id ${pg ? 'serial PRIMARY KEY' : 'INTEGER PRIMARY KEY AUTOINCREMENT'},
         engine varchar NOT NULL, model varchar NOT NULL, dimensions integer NULL,
         state varchar NOT NULL, claimed_until bigint NULL, claimed_by varchar NULL,
         created_at bigint NOT NULL, updated_at bigint NOT NULL,
         CONSTRAINT embedding_space_model_key UNIQUE (engine, model))`,
    );
    await queryRunner.query(
      `CREATE TABLE chunk_vector (
         chunk_id ${pg ? 'bigint' : 'INTEGER'} NOT NULL REFERENCES document_chunk (id) ON DELETE CASCADE,
         space_id integer NOT NULL REFERENCES embedding_space (id) ON DELETE CASCADE,
         collection_name varchar NOT NULL,
         embedding ${pg ? 'real[]' : 'BLOB'} NOT NULL,
         PRIMARY KEY (chunk_id, space_id))`,
    );
    // A collection's vectors in chunk order: loading them into memory pages through this index.
    await queryRunner.query(
      'CREATE INDEX chunk_vector_collection_idx ON chunk_vector (space_id, collection_name, chunk_id)',
    );
    await queryRunner.query(
      'CREATE TABLE collection_version (collection_name varchar PRIMARY KEY, token varchar NOT NULL)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE collection_version');
    await queryRunner.query('DROP TABLE chunk_vector');
    await queryRunner.query('DROP TABLE embedding_space');
  }
}
