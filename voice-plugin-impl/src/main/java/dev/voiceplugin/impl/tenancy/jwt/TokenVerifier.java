package dev.voiceplugin.impl.tenancy.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.voiceplugin.api.TenantId;
import java.text.ParseException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies one token string with nimbus' {@link DefaultJWTProcessor}: signature with the configured
 * keys and only their algorithms, then the claims ({@link CodedClaimsVerifier}), then reads tenant,
 * user and roles. Thread-safe; one instance per plugin.
 */
final class TokenVerifier {
  /** Longer than any sane token; refuses to parse megabytes of attacker input. */
  static final int MAX_TOKEN_CHARS = 8192;
  private static final int JWKS_CONNECT_TIMEOUT_MS = 2_000;
  private static final int JWKS_READ_TIMEOUT_MS = 2_000;
  private static final int JWKS_SIZE_LIMIT_BYTES = 64 * 1024;
  private static final Duration JWKS_CACHE_TTL = Duration.ofMinutes(5);
  private static final Duration JWKS_REFRESH_TIMEOUT = Duration.ofSeconds(5);

  private final JwtSettings settings;
  private final Rejections rejections;
  private final Set<JWSAlgorithm> algorithms;
  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

  TokenVerifier(JwtSettings settings) {
    this.settings = settings;
    this.rejections = new Rejections(settings);
    JWKSource<SecurityContext> keys;
    if (settings.keys() instanceof JwtSettings.SharedSecret secret) {
      // Only HS256 with the secret; with a JWKS only asymmetric algorithms, so a public key can
      // never be used as an HMAC secret (algorithm confusion), whatever the JWKS contains.
      algorithms = Set.of(JWSAlgorithm.HS256);
      keys = new ImmutableSecret<>(secret.key());
    } else {
      algorithms = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
      keys = remoteKeys(((JwtSettings.Jwks) settings.keys()).url());
    }
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keys));
    // RFC 9068 access tokens say typ "at+jwt"; plain JWTs say "JWT" or nothing.
    processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
    processor.setJWTClaimsSetVerifier(new CodedClaimsVerifier(settings, rejections));
  }

  private static JWKSource<SecurityContext> remoteKeys(java.net.URL url) {
    return JWKSourceBuilder.<SecurityContext>create(url,
            new DefaultResourceRetriever(JWKS_CONNECT_TIMEOUT_MS, JWKS_READ_TIMEOUT_MS, JWKS_SIZE_LIMIT_BYTES))
        .cache(JWKS_CACHE_TTL.toMillis(), JWKS_REFRESH_TIMEOUT.toMillis())
        // No background refresh thread: it would outlive an undeployed web application.
        .refreshAheadCache(false)
        .build();
  }

  /**
   * The verified token's content.
   *
   * @throws dev.voiceplugin.api.spi.CredentialsRejectedException the token must be refused (401)
   * @throws dev.voiceplugin.impl.VoicePluginException the JWKS could not be fetched (503)
   */
  VerifiedToken verify(String token) {
    if (token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
      throw rejections.malformed();
    }
    JWT jwt;
    try {
      jwt = JWTParser.parse(token);
    } catch (ParseException e) {
      throw rejections.malformed();
    }
    if (jwt instanceof PlainJWT) {
      throw rejections.unsigned();
    }
    if (!(jwt instanceof SignedJWT signed)) {
      throw rejections.encrypted();
    }
    // The key selector refuses other algorithms too; checking first gives the caller the right code.
    if (!algorithms.contains(signed.getHeader().getAlgorithm())) {
      throw rejections.algorithm();
    }
    JWTClaimsSet claims;
    try {
      claims = processor.process(signed, null);
    } catch (CodedClaimsVerifier.Rejected e) {
      throw e.rejection();
    } catch (BadJOSEException e) {
      throw rejections.badSignature();
    } catch (RateLimitReachedException e) {
      // An unknown kid just after a refresh: the key server is fine, the token's key is not in it.
      throw rejections.badSignature();
    } catch (KeySourceException e) {
      throw Rejections.keysUnavailable();
    } catch (JOSEException e) {
      throw rejections.badSignature();
    }
    return read(claims);
  }

  private VerifiedToken read(JWTClaimsSet claims) {
    TenantId tenant = (claims.getClaim(settings.tenantClaim()) instanceof String s ? TenantId.parse(s) : Optional.<TenantId>empty())
        .orElseThrow(rejections::missingTenant);
    if (!(claims.getClaim(settings.userClaim()) instanceof String user) || user.isBlank()) {
      throw rejections.missingUser();
    }
    return new VerifiedToken(tenant, user, roles(claims.getClaim(settings.rolesClaim())));
  }

  private Set<String> roles(Object claim) {
    if (claim == null) {
      return Set.of();
    }
    if (!(claim instanceof List<?> list)) {
      throw rejections.badRoles();
    }
    Set<String> roles = new HashSet<>();
    for (Object role : list) {
      if (!(role instanceof String s)) {
        throw rejections.badRoles();
      }
      roles.add(s);
    }
    return roles;
  }
}
