// Readers for the documents configuration: retrieval settings, file storage, extraction limits.
import { join } from 'node:path';
import {
  EMBEDDING_ENGINES,
  type ExtractionLimits,
  type RagSettings,
  type StorageConfig,
  TEXT_SPLITTERS,
  VECTOR_DBS,
  type DatabaseConfig,
  type VectorsConfig,
} from './app-config.js';
import type { EnvReader } from './env-parsers.js';
import { DEFAULT_RAG_TEMPLATE } from './rag-template.js';

const MB = 1024 * 1024;

export function readRag(read: EnvReader): RagSettings {
  const text = (name: string, fallback = '') => read.string(name, fallback);
  const optionalInt = (name: string) => {
    const value = read.int(name, -1, { min: -1 });
    return value < 0 ? null : value;
  };
  const openAiBase = read.string('OPENAI_API_BASE_URL', 'https://api.openai.com/v1');
  return {
    TEXT_SPLITTER: read.oneOf('TEXT_SPLITTER', TEXT_SPLITTERS, ''),
    CHUNK_SIZE: read.int('CHUNK_SIZE', 1000, { min: 1, max: 1_000_000 }),
    CHUNK_OVERLAP: read.int('CHUNK_OVERLAP', 100, { min: 0, max: 1_000_000 }),
    RAG_TEMPLATE: text('RAG_TEMPLATE', DEFAULT_RAG_TEMPLATE),
    TOP_K: read.int('RAG_TOP_K', 3, { min: 1, max: 1000 }),
    TOP_K_RERANKER: read.int('RAG_TOP_K_RERANKER', 3, { min: 1, max: 1000 }),
    RELEVANCE_THRESHOLD: read.number('RAG_RELEVANCE_THRESHOLD', 0, { min: 0, max: 1 }),
    ENABLE_RAG_HYBRID_SEARCH: read.bool('ENABLE_RAG_HYBRID_SEARCH', false),
    ENABLE_RAG_HYBRID_SEARCH_ENRICHED_TEXTS: read.bool('ENABLE_RAG_HYBRID_SEARCH_ENRICHED_TEXTS', false),
    HYBRID_BM25_WEIGHT: read.number('RAG_HYBRID_BM25_WEIGHT', 0.5, { min: 0, max: 1 }),
    RAG_FULL_CONTEXT: read.bool('RAG_FULL_CONTEXT', false),
    BYPASS_EMBEDDING_AND_RETRIEVAL: read.bool('BYPASS_EMBEDDING_AND_RETRIEVAL', false),
    RAG_EMBEDDING_ENGINE: read.oneOf('RAG_EMBEDDING_ENGINE', EMBEDDING_ENGINES, ''),
    RAG_EMBEDDING_MODEL: text('RAG_EMBEDDING_MODEL', 'sentence-transformers/all-MiniLM-L6-v2'),
    RAG_EMBEDDING_BATCH_SIZE: read.int('RAG_EMBEDDING_BATCH_SIZE', 1, { min: 1, max: 10_000 }),
    ENABLE_ASYNC_EMBEDDING: read.bool('ENABLE_ASYNC_EMBEDDING', true),
    RAG_OPENAI_API_BASE_URL: text('RAG_OPENAI_API_BASE_URL', openAiBase),
    RAG_OPENAI_API_KEY: text('RAG_OPENAI_API_KEY', read.string('OPENAI_API_KEY', '')),
    RAG_OLLAMA_BASE_URL: text('RAG_OLLAMA_BASE_URL', read.string('OLLAMA_BASE_URL', 'http://localhost:11434')),
    RAG_OLLAMA_API_KEY: text('RAG_OLLAMA_API_KEY'),
    RAG_AZURE_OPENAI_BASE_URL: text('RAG_AZURE_OPENAI_BASE_URL'),
    RAG_AZURE_OPENAI_API_KEY: text('RAG_AZURE_OPENAI_API_KEY'),
    RAG_AZURE_OPENAI_API_VERSION: text('RAG_AZURE_OPENAI_API_VERSION', '2023-05-15'),
    RAG_RERANKING_ENGINE: text('RAG_RERANKING_ENGINE'),
    RAG_RERANKING_MODEL: text('RAG_RERANKING_MODEL'),
    RAG_EXTERNAL_RERANKER_URL: text('RAG_EXTERNAL_RERANKER_URL'),
    RAG_EXTERNAL_RERANKER_API_KEY: text('RAG_EXTERNAL_RERANKER_API_KEY'),
    CONTENT_EXTRACTION_ENGINE: text('CONTENT_EXTRACTION_ENGINE'),
    PDF_EXTRACT_IMAGES: read.bool('PDF_EXTRACT_IMAGES', false),
    FILE_MAX_SIZE: optionalInt('RAG_FILE_MAX_SIZE') ?? optionalInt('FILE_MAX_SIZE'),
    FILE_MAX_COUNT: optionalInt('RAG_FILE_MAX_COUNT') ?? optionalInt('FILE_MAX_COUNT'),
    FILE_IMAGE_COMPRESSION_WIDTH: optionalInt('FILE_IMAGE_COMPRESSION_WIDTH'),
    FILE_IMAGE_COMPRESSION_HEIGHT: optionalInt('FILE_IMAGE_COMPRESSION_HEIGHT'),
    ALLOWED_FILE_EXTENSIONS: (
      read.list('RAG_ALLOWED_FILE_EXTENSIONS', ',') ??
      read.list('ALLOWED_FILE_EXTENSIONS', ',') ??
      []
    )
      .map((ext) => ext.trim().replace(/^\./, '').toLowerCase())
      .filter(Boolean),
    ENABLE_GOOGLE_DRIVE_INTEGRATION: read.bool('ENABLE_GOOGLE_DRIVE_INTEGRATION', false),
    ENABLE_ONEDRIVE_INTEGRATION: read.bool('ENABLE_ONEDRIVE_INTEGRATION', false),
  };
}

export function readStorage(read: EnvReader, dataDir: string): StorageConfig {
  const provider = read.oneOf('STORAGE_PROVIDER', ['', 'local', 's3'] as const, '');
  const bucket = read.string('S3_BUCKET_NAME', '');
  if (provider === 's3' && !bucket) read.errors.push('STORAGE_PROVIDER=s3 needs S3_BUCKET_NAME');
  return {
    provider: provider === 's3' ? 's3' : 'local',
    uploadDir: join(dataDir, 'uploads'),
    s3: {
      bucket,
      region: read.optionalString('S3_REGION_NAME'),
      endpointUrl: read.optionalString('S3_ENDPOINT_URL'),
      accessKeyId: read.optionalString('S3_ACCESS_KEY_ID'),
      secretAccessKey: read.optionalString('S3_SECRET_ACCESS_KEY'),
      keyPrefix: read.string('S3_KEY_PREFIX', '').replace(/^\/+|\/+$/g, ''),
      addressingStyle: read.oneOf('S3_ADDRESSING_STYLE', ['auto', 'path', 'virtual'] as const, 'auto'),
      useAccelerateEndpoint: read.bool('S3_USE_ACCELERATE_ENDPOINT', false),
    },
  };
}

export function readExtractionLimits(read: EnvReader): ExtractionLimits {
  return {
    maxBytes: read.int('EXTRACTION_MAX_MB', 100, { min: 1, max: 100_000 }) * MB,
    maxPages: read.int('EXTRACTION_MAX_PAGES', 2000, { min: 1 }),
    timeoutMs: read.int('EXTRACTION_TIMEOUT_SECONDS', 120, { min: 1, max: 86_400 }) * 1000,
    maxUnzippedBytes: read.int('EXTRACTION_MAX_UNZIPPED_MB', 500, { min: 1, max: 100_000 }) * MB,
    maxTextChars: read.int('EXTRACTION_MAX_TEXT_CHARS', 20_000_000, { min: 1000 }),
  };
}

export function readVectors(read: EnvReader, database: DatabaseConfig): VectorsConfig {
  const db = read.oneOf('VECTOR_DB', VECTOR_DBS, '');
  if (db === 'pgvector' && database.type !== 'postgres') {
    read.errors.push('VECTOR_DB=pgvector needs PostgreSQL (DATABASE_URL): vectors live in the main database');
  }
  return {
    db,
    cacheBytes: read.int('VECTOR_CACHE_MB', 1024, { min: 16, max: 1_000_000 }) * MB,
    exactScanMax: read.int('VECTOR_EXACT_SCAN_MAX', 10_000, { min: 0, max: 10_000_000 }),
    hnswEfSearch: read.int('VECTOR_HNSW_EF_SEARCH', 200, { min: 10, max: 1000 }),
  };
}
