package dev.voiceplugin.impl.tenancy.jwt;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import com.nimbusds.jwt.proc.JWTClaimsSetVerifier;
import dev.voiceplugin.api.spi.CredentialsRejectedException;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * nimbus' {@link DefaultJWTClaimsVerifier}, split into one verifier per concern so that each
 * failure carries its own stable code without parsing nimbus' messages. Runs after the signature
 * was verified (DefaultJWTProcessor's order), so forged tokens never learn which claim is wrong.
 */
final class CodedClaimsVerifier implements JWTClaimsSetVerifier<SecurityContext> {

  /** A claims failure carrying the answer for the caller; thrown through DefaultJWTProcessor. */
  static final class Rejected extends BadJWTException {
    private final transient CredentialsRejectedException rejection;

    Rejected(CredentialsRejectedException rejection) {
      super(rejection.code());
      this.rejection = rejection;
    }

    CredentialsRejectedException rejection() {
      return rejection;
    }
  }

  private record Check(DefaultJWTClaimsVerifier<SecurityContext> verifier, Supplier<CredentialsRejectedException> onFailure) {}

  private final Rejections rejections;
  private final List<Check> checks;

  CodedClaimsVerifier(JwtSettings settings, Rejections rejections) {
    this.rejections = rejections;
    // Every DefaultJWTClaimsVerifier checks exp and nbf when present, so the first check (which checks
    // nothing else) decides between expired and not-yet-valid, and the later ones see a current token.
    this.checks = List.of(
        new Check(skewed(new DefaultJWTClaimsVerifier<>(null, null, null, null), settings), rejections::notYetValid),
        new Check(skewed(new DefaultJWTClaimsVerifier<>(null, null, Set.of("exp"), null), settings), rejections::missingExpiry),
        new Check(skewed(new DefaultJWTClaimsVerifier<>(null,
            new JWTClaimsSet.Builder().issuer(settings.issuer()).build(), null, null), settings), rejections::wrongIssuer),
        new Check(skewed(new DefaultJWTClaimsVerifier<>(Set.of(settings.audience()), null, null, null), settings),
            rejections::wrongAudience));
  }

  @Override
  public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
    for (Check check : checks) {
      try {
        check.verifier().verify(claims, context);
      } catch (ExpiredJWTException e) {
        throw new Rejected(rejections.expired());
      } catch (BadJWTException e) {
        throw new Rejected(check.onFailure().get());
      }
    }
  }

  private static DefaultJWTClaimsVerifier<SecurityContext> skewed(DefaultJWTClaimsVerifier<SecurityContext> verifier, JwtSettings settings) {
    verifier.setMaxClockSkew(settings.clockSkewSeconds());
    return verifier;
  }
}
