import { ApiKeyEntity } from './credentials/api-key.entity.js';
import { ChatEntity } from './chats/chat.entity.js';
import { ChatTagEntity, TagEntity } from './chats/tag.entity.js';
import { FeedbackEntity } from './evaluations/feedback.entity.js';
import { FileEntity } from './files/file.entity.js';
import { FolderEntity } from './folders/folder.entity.js';
import { KnowledgeEntity } from './knowledge/knowledge.entity.js';
import { MemoryEntity } from './memories/memory.entity.js';
import { ModelEntity } from './models/model.entity.js';
import { PromptEntity } from './prompts/prompt.entity.js';
import { GroupMemberEntity } from './groups/group-member.entity.js';
import { GroupEntity } from './groups/group.entity.js';
import { ConfigRowEntity } from './settings/config-row.entity.js';
import { CredentialEntity } from './users/credential.entity.js';
import { UserEntity } from './users/user.entity.js';

/** Every table's entity: the app's DataSource and the TypeORM CLI's (ormconfig.ts) are built with this list. */
export const entities = [
  UserEntity,
  CredentialEntity,
  GroupEntity,
  GroupMemberEntity,
  ConfigRowEntity,
  ApiKeyEntity,
  ChatEntity,
  TagEntity,
  ChatTagEntity,
  FolderEntity,
  ModelEntity,
  PromptEntity,
  MemoryEntity,
  FileEntity,
  KnowledgeEntity,
  FeedbackEntity,
];
