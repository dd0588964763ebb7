import { BoolField, StringField } from '../../common/validators.js';

/** GET/POST /api/v1/auths/admin/config: the settings an admin changes from the web app's General page. */
export class AdminConfigDto {
  @BoolField({ example: true }) SHOW_ADMIN_DETAILS: boolean;
  @StringField({ maxLength: 2048, example: '' }) WEBUI_URL: string;
  @BoolField({ example: false }) ENABLE_SIGNUP: boolean;
  @BoolField({ example: false }) ENABLE_API_KEYS: boolean;
  @BoolField({ example: false }) ENABLE_API_KEYS_ENDPOINT_RESTRICTIONS: boolean;
  @StringField({ maxLength: 10_000, example: '/api/models,/api/chat/completions' }) API_KEYS_ALLOWED_ENDPOINTS: string;
  @StringField({ maxLength: 32, example: 'pending' }) DEFAULT_USER_ROLE: string;
  @StringField({ maxLength: 64, example: '' }) DEFAULT_GROUP_ID: string;
  @StringField({ maxLength: 64, example: '4w' }) JWT_EXPIRES_IN: string;
  @BoolField({ example: true }) ENABLE_COMMUNITY_SHARING: boolean;
  @BoolField({ example: true }) ENABLE_MESSAGE_RATING: boolean;
  @BoolField({ example: false }) ENABLE_CHANNELS: boolean;
  @BoolField({ example: true }) ENABLE_NOTES: boolean;
  @BoolField({ example: true }) ENABLE_USER_WEBHOOKS: boolean;
  @StringField({ optional: true, nullable: true, maxLength: 10_000 }) PENDING_USER_OVERLAY_TITLE?: string | null;
  @StringField({ optional: true, nullable: true, maxLength: 100_000 }) PENDING_USER_OVERLAY_CONTENT?: string | null;
  @StringField({ optional: true, nullable: true, maxLength: 10_000 }) RESPONSE_WATERMARK?: string | null;
}
