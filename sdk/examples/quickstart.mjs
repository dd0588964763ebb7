// Signs in, lists the models, and saves a chat, through the typed client.
//   cd sdk && npm install && npm run build
//   WEBUI_URL=http://localhost:8080 WEBUI_EMAIL=admin@example.com WEBUI_PASSWORD=… npm run example
// (or WEBUI_API_KEY=sk-… instead of the email and password)
import { createWebuiClient } from '../dist/index.js';

const baseUrl = process.env.WEBUI_URL ?? 'http://localhost:8080';
let token = process.env.WEBUI_API_KEY;
if (!token) {
  const signin = await createWebuiClient(baseUrl).POST('/api/v1/auths/signin', {
    body: { email: process.env.WEBUI_EMAIL ?? '', password: process.env.WEBUI_PASSWORD ?? '' },
  });
  if (signin.error) throw new Error(`sign-in failed: ${JSON.stringify(signin.error)}`);
  token = signin.data.token;
}
const api = createWebuiClient(baseUrl, token);

const models = await api.GET('/api/models');
if (models.error) throw new Error(`listing models failed: ${JSON.stringify(models.error)}`);
console.log(`models: ${models.data.data.map((model) => model.id).join(', ') || '(none yet)'}`);

const chat = await api.POST('/api/v1/chats/new', { body: { chat: { title: 'Hello from the SDK' } } });
if (chat.error) throw new Error(`saving a chat failed: ${JSON.stringify(chat.error)}`);
console.log(`saved chat ${chat.data.id}: ${chat.data.title}`);
