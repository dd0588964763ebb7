/**
 * The API's sections in Swagger UI, in the order a newcomer needs them (sign in, chat, pick a model,
 * get an answer), then the rest. Every tag an operation uses must be here (the OpenAPI test checks).
 */
export const OPENAPI_TAGS: readonly { name: string; description: string }[] = [
  {
    name: 'auths',
    description:
      'Sign up, sign in and out, the session, API keys, and the admin sign-up and sign-in settings. Start here: ' +
      '`POST /api/v1/auths/signin` gives the bearer token every other call takes.',
  },
  { name: 'chats', description: 'Saved conversations: list, search, create, update, tags, pinning, archive, sharing.' },
  {
    name: 'models',
    description: 'The models a user may use (`GET /api/models`), and the model presets and overrides of the workspace.',
  },
  {
    name: 'completions',
    description:
      'Answers: OpenAI-compatible `POST /api/chat/completions`, streamed (SSE) or whole, or run in the background ' +
      'with progress over the socket when a chat, message and session are named.',
  },
  { name: 'users', description: 'Accounts, their settings and permissions; admin user management.' },
  { name: 'groups', description: 'Groups of users: members and the permissions they grant.' },
  { name: 'folders', description: 'Folders (projects) of chats, with their own system prompt and files.' },
  { name: 'prompts', description: 'Saved prompts, used as `/command` in the chat input; shared by access rules.' },
  { name: 'memories', description: 'What the model should remember about a user, added to answers on request.' },
  { name: 'files', description: 'Uploads, their processing status, text and bytes.' },
  {
    name: 'knowledge',
    description: 'Knowledge bases: collections of files answers can draw on, shared by access rules.',
  },
  {
    name: 'retrieval',
    description:
      'Text extraction, chunking, search over files and knowledge bases, web pages and web search; the Documents settings.',
  },
  {
    name: 'evaluations',
    description:
      'Ratings of answers (thumbs up or down, with details), read by the admin’s leaderboard and feedback history; the arena models.',
  },
  {
    name: 'tasks',
    description: 'Titles, tags, follow-ups, search queries and other helper generations; running tasks.',
  },
  { name: 'jobs', description: 'Background jobs: failed ones and counts (admins).' },
  {
    name: 'connections',
    description: 'OpenAI and Ollama connections, their models and the provider proxies (admins).',
  },
  { name: 'configs', description: 'Run-time settings of the admin panel: banners, models, connections, webhook, …' },
  { name: 'meta', description: 'What the web app reads on start: `/api/config`, version, changelog.' },
  { name: 'health', description: 'Liveness and readiness probes.' },
  { name: 'frontend', description: 'The built web app, its manifest and static files.' },
  { name: 'tools', description: 'Tools (not built yet: lists answer empty).' },
  { name: 'functions', description: 'Functions (not built yet: lists answer empty).' },
  { name: 'channels', description: 'Channels (not built yet: lists answer empty).' },
  { name: 'notes', description: 'Notes (not built yet: lists answer empty).' },
  { name: 'pipelines', description: 'Pipelines (none run on this server).' },
  {
    name: 'audio',
    description: 'Speech settings (Admin → Settings → Audio); speech engines are not run by this server.',
  },
  {
    name: 'images',
    description: 'Image generation settings (Admin → Settings → Images); no image engine runs here yet.',
  },
  {
    name: 'utils',
    description:
      'Helpers the web app calls: code execution (answers why it cannot run here), the SQLite database download.',
  },
];
