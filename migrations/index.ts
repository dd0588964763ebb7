import { Identity1764100000000 } from './1764100000000-identity.js';
import { Chats1764200000000 } from './1764200000000-chats.js';
import { Models1764300000000 } from './1764300000000-models.js';
import { PromptsMemories1764400000000 } from './1764400000000-prompts-memories.js';
import { ConfigCreatedAtDefault1764500000000 } from './1764500000000-config-created-at-default.js';
import { Files1764600000000 } from './1764600000000-files.js';
import { DocumentChunks1764700000000 } from './1764700000000-document-chunks.js';
import { Knowledge1764800000000 } from './1764800000000-knowledge.js';
import { ChunkVectors1764900000000 } from './1764900000000-chunk-vectors.js';
import { Feedback1765100000000 } from './1765100000000-feedback.js';
import { ConfigOpenWebuiPaths1765210000000 } from './1765210000000-config-open-webui-paths.js';
import { ChunkSearchVector1765300000000 } from './1765300000000-chunk-search-vector.js';
import { ChatSearchByOwner1765400000000 } from './1765400000000-chat-search-by-owner.js';

/** Every migration, in order. Listed explicitly so a build never depends on a file glob. */
export const migrations = [
  Identity1764100000000,
  Chats1764200000000,
  Models1764300000000,
  PromptsMemories1764400000000,
  ConfigCreatedAtDefault1764500000000,
  Files1764600000000,
  DocumentChunks1764700000000,
  Knowledge1764800000000,
  ChunkVectors1764900000000,
  Feedback1765100000000,
  ConfigOpenWebuiPaths1765210000000,
  ChunkSearchVector1765300000000,
  ChatSearchByOwner1765400000000,
];
