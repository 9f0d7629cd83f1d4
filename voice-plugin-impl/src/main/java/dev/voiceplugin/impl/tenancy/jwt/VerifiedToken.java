package dev.voiceplugin.impl.tenancy.jwt;

import dev.voiceplugin.api.TenantId;
import java.util.Objects;
import java.util.Set;

/** What a verified token says about its bearer; never the token itself. */
record VerifiedToken(TenantId tenant, String user, Set<String> roles) {
  VerifiedToken {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(user, "user");
    roles = Set.copyOf(roles);
  }
}
