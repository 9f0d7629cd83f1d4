package dev.voiceplugin.impl.tenancy.jwt;

import dev.voiceplugin.api.TenantId;
import dev.voiceplugin.api.spi.AdminAuthorizer;
import dev.voiceplugin.api.spi.CredentialsRejectedException;
import dev.voiceplugin.api.spi.TenantResolver;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Built-in tenancy {@code jwt}: identity comes from a JWT the host signs, sent as
 * {@code Authorization: Bearer <jwt>} or in the cookie {@code VOICE_JWT_COOKIE}. Keys are an HS256
 * secret ({@code VOICE_JWT_SECRET}) or the host's JWKS ({@code VOICE_JWT_JWKS_URL}); the token must
 * carry {@code VOICE_JWT_ISSUER}, {@code VOICE_JWT_AUDIENCE} and an {@code exp}. Tenant, user and
 * roles come from configurable claims; administrators have {@code VOICE_ADMIN_ROLE}.
 *
 * <p>No token means nobody is signed in (empty); a token that fails is refused with a
 * {@link CredentialsRejectedException}. Each request's token is verified once: the outcome is kept
 * in a request attribute, since the plugin asks for user, tenant and permissions separately.
 */
public final class JwtTenancy implements TenantResolver, AdminAuthorizer {
  private static final Logger log = LoggerFactory.getLogger(JwtTenancy.class);
  private static final String OUTCOME_ATTRIBUTE = JwtTenancy.class.getName() + ".outcome";
  private static final String BEARER = "Bearer ";

  /** A request's verification result: no token, a verified one, or the failure to answer with. */
  private sealed interface Outcome {}

  private record Absent() implements Outcome {}

  private record Verified(VerifiedToken token) implements Outcome {}

  private record Failed(RuntimeException failure) implements Outcome {}

  private volatile JwtSettings settings;
  private volatile TokenVerifier verifier;

  @Override
  public String name() {
    return "jwt";
  }

  @Override
  public void init(Map<String, String> settings) {
    JwtSettings parsed = JwtSettings.from(settings);
    this.settings = parsed;
    this.verifier = new TokenVerifier(parsed); // written last: a non-null verifier means settings are set
  }

  @Override
  public Optional<TenantId> resolveTenant(HttpServletRequest request) {
    return token(request).map(VerifiedToken::tenant);
  }

  @Override
  public Optional<String> resolveUser(HttpServletRequest request) {
    return token(request).map(VerifiedToken::user);
  }

  @Override
  public boolean mayAdminister(HttpServletRequest request, TenantId tenant) {
    return tokenFor(request, tenant).map(t -> t.roles().contains(settings.adminRole())).orElse(false);
  }

  @Override
  public boolean mayStartSession(HttpServletRequest request, TenantId tenant) {
    return tokenFor(request, tenant)
        .map(t -> t.roles().contains(settings.sessionRole()) || t.roles().contains(settings.adminRole()))
        .orElse(false);
  }

  /** The verified token, only when it is for {@code tenant}; a refused token grants nothing. */
  private Optional<VerifiedToken> tokenFor(HttpServletRequest request, TenantId tenant) {
    return outcome(request) instanceof Verified v && v.token().tenant().equals(tenant) ? Optional.of(v.token()) : Optional.empty();
  }

  private Optional<VerifiedToken> token(HttpServletRequest request) {
    Outcome outcome = outcome(request);
    if (outcome instanceof Failed failed) {
      throw failed.failure();
    }
    return outcome instanceof Verified v ? Optional.of(v.token()) : Optional.empty();
  }

  private Outcome outcome(HttpServletRequest request) {
    if (request.getAttribute(OUTCOME_ATTRIBUTE) instanceof Outcome cached) {
      return cached;
    }
    Outcome outcome = verify(request);
    request.setAttribute(OUTCOME_ATTRIBUTE, outcome);
    return outcome;
  }

  private Outcome verify(HttpServletRequest request) {
    TokenVerifier current = verifier;
    if (current == null) {
      throw new IllegalStateException("the jwt tenancy was used before init");
    }
    Optional<String> token = find(request, settings.cookie());
    if (token.isEmpty()) {
      return new Absent();
    }
    try {
      return new Verified(current.verify(token.get()));
    } catch (CredentialsRejectedException e) {
      log.debug("jwt tenancy refused a token: {}", e.code()); // the code only: never the token
      return new Failed(e);
    } catch (RuntimeException e) {
      return new Failed(e);
    }
  }

  /** The Authorization bearer token, else the cookie; any other Authorization scheme is not ours. */
  static Optional<String> find(HttpServletRequest request, String cookieName) {
    String authorization = request.getHeader("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Optional.of(authorization.substring(BEARER.length()).trim());
    }
    Cookie[] cookies = request.getCookies();
    if (cookies != null) {
      for (Cookie cookie : cookies) {
        if (cookieName.equals(cookie.getName()) && cookie.getValue() != null && !cookie.getValue().isBlank()) {
          return Optional.of(cookie.getValue().trim());
        }
      }
    }
    return Optional.empty();
  }
}
