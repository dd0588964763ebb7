import { Module } from '@nestjs/common';
import { OAuthSignoutService } from './oauth-signout.service.js';
import { OidcDiscoveryService } from './oidc-discovery.service.js';

/**
 * Provider discovery and sign-out, apart from the OAuth module so the auth module's sign-out can use
 * them (the OAuth module itself needs the auth module's tokens).
 */
@Module({
  providers: [OidcDiscoveryService, OAuthSignoutService],
  exports: [OidcDiscoveryService, OAuthSignoutService],
})
export class OAuthSignoutModule {}
