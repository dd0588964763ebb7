import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
function sortKeys(value) {
    if (Array.isArray(value))
        return value.map((item) => sortKeys(item));
    if (value === null || typeof value !== 'object')
        return value;
    return Object.fromEntries(Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys(value[key])]));
}
/** The OpenAPI document: operationId = controller method name (stable SDK names); keys sorted for readable diffs. */
export function buildOpenApiDocument(app, config) {
    const builder = new DocumentBuilder()
        .setTitle('webui-nest')
        .setDescription('Open WebUI-compatible AI chat backend')
        .setVersion(config.version)
        .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT or sk- API key' }, 'bearer')
        .addApiKey({ type: 'apiKey', in: 'header', name: 'x-api-key' }, 'api-key')
        .addCookieAuth('token', { type: 'apiKey', in: 'cookie', name: 'token' }, 'cookie')
        .build();
    const document = SwaggerModule.createDocument(app, builder, {
        operationIdFactory: (_controllerKey, methodKey) => methodKey,
    });
    return sortKeys(document);
}
export function mountOpenApi(app, config) {
    const document = buildOpenApiDocument(app, config);
    SwaggerModule.setup('docs', app, document, {
        jsonDocumentUrl: 'openapi.json',
        raw: ['json'],
        customSiteTitle: 'webui-nest API',
    });
}
//# sourceMappingURL=openapi.js.map