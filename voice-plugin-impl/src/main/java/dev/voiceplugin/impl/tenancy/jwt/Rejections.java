package dev.voiceplugin.impl.tenancy.jwt;

import dev.voiceplugin.api.spi.CredentialsRejectedException;
import dev.voiceplugin.impl.VoicePluginException;

/**
 * The answers to tokens that fail: stable codes, and hints written for the host's developers.
 * Messages name settings and claims, never the token, a claim's value or a key.
 */
final class Rejections {
  private final JwtSettings settings;

  Rejections(JwtSettings settings) {
    this.settings = settings;
  }

  CredentialsRejectedException malformed() {
    return new CredentialsRejectedException("token_invalid", "The token is not a well-formed signed JWT.",
        "Send a compact JWS (three base64url parts) as 'Authorization: Bearer <token>' or in the cookie '"
            + settings.cookie() + "'.");
  }

  CredentialsRejectedException badSignature() {
    return new CredentialsRejectedException("token_invalid", "The token's signature does not verify.",
        settings.keys() instanceof JwtSettings.Jwks
            ? "Sign tokens with a key published at VOICE_JWT_JWKS_URL and put that key's kid in the token header."
            : "Sign tokens with HS256 and the same VOICE_JWT_SECRET as the plugin (its UTF-8 bytes are the key).");
  }

  CredentialsRejectedException missingExpiry() {
    return new CredentialsRejectedException("token_invalid", "The token has no exp claim.",
        "Issue tokens with an exp claim; a lifetime of a few minutes is plenty.");
  }

  CredentialsRejectedException badRoles() {
    return new CredentialsRejectedException("token_invalid",
        "The token's '" + settings.rolesClaim() + "' claim is not an array of strings.",
        "Send roles as an array, e.g. \"" + settings.rolesClaim() + "\": [\"" + settings.adminRole()
            + "\"], or point VOICE_JWT_ROLES_CLAIM at the claim that holds them.");
  }

  CredentialsRejectedException expired() {
    return new CredentialsRejectedException("token_expired", "The token has expired.",
        "Get a fresh token from the platform and retry; the platform should renew tokens before they expire.");
  }

  CredentialsRejectedException notYetValid() {
    return new CredentialsRejectedException("token_not_yet_valid", "The token is not valid yet (its nbf is in the future).",
        "Check the clock of the server that issues tokens; up to " + settings.clockSkewSeconds()
            + " s of skew are tolerated (VOICE_JWT_CLOCK_SKEW_SECONDS).");
  }

  CredentialsRejectedException wrongIssuer() {
    return new CredentialsRejectedException("token_wrong_issuer", "The token's issuer is not the one this plugin trusts.",
        "Set the token's iss claim to the plugin's VOICE_JWT_ISSUER, or correct that setting.");
  }

  CredentialsRejectedException wrongAudience() {
    return new CredentialsRejectedException("token_wrong_audience", "The token is not meant for this plugin.",
        "Put the plugin's VOICE_JWT_AUDIENCE in the token's aud claim, or correct that setting.");
  }

  CredentialsRejectedException missingTenant() {
    return new CredentialsRejectedException("token_missing_tenant",
        "The token carries no valid tenant id in its '" + settings.tenantClaim() + "' claim.",
        "Put the tenant id (1-128 letters, digits and . _ : @ -) in the '" + settings.tenantClaim()
            + "' claim, or point VOICE_JWT_TENANT_CLAIM at the claim that holds it.");
  }

  CredentialsRejectedException missingUser() {
    return new CredentialsRejectedException("token_missing_user",
        "The token carries no user id in its '" + settings.userClaim() + "' claim.",
        "Put the user's stable id in the '" + settings.userClaim()
            + "' claim, or point VOICE_JWT_USER_CLAIM at the claim that holds it.");
  }

  CredentialsRejectedException unsigned() {
    return new CredentialsRejectedException("token_algorithm_rejected", "The token is unsigned (alg: none).",
        algorithmHint());
  }

  CredentialsRejectedException encrypted() {
    return new CredentialsRejectedException("token_algorithm_rejected",
        "The token is encrypted (JWE); the plugin accepts signed tokens (JWS) only.", algorithmHint());
  }

  CredentialsRejectedException algorithm() {
    return new CredentialsRejectedException("token_algorithm_rejected",
        "The token is signed with an algorithm this plugin does not accept.", algorithmHint());
  }

  /** The host's key server failed: not the caller's fault, so 503 rather than 401. */
  static VoicePluginException keysUnavailable() {
    return new VoicePluginException(503, "token_keys_unavailable", "The plugin could not fetch the keys that sign tokens.",
        "Check that VOICE_JWT_JWKS_URL answers with a JWK set from the plugin's server; the plugin retries on later requests.");
  }

  private String algorithmHint() {
    return settings.keys() instanceof JwtSettings.Jwks
        ? "Sign tokens with RS256 or ES256 and a key published at VOICE_JWT_JWKS_URL."
        : "Sign tokens with HS256 and VOICE_JWT_SECRET.";
  }
}
