/**
 * Built-in tenancy {@code jwt}: the host signs a short-lived JWT per signed-in user (tenant, user,
 * roles) and the browser sends it as {@code Authorization: Bearer} or in a cookie. Verification is
 * nimbus-jose-jwt's {@code DefaultJWTProcessor}; this package only chooses the keys and algorithms
 * and turns each kind of failure into a stable problem code.
 */
package dev.voiceplugin.impl.tenancy.jwt;
