package dev.voiceplugin.impl.relay;

import dev.voiceplugin.impl.db.Database;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Single-use tickets for opening a relay socket, kept in PostgreSQL so that the instance that
 * opens the socket need not be the one that issued the ticket. Only a SHA-256 of a ticket is
 * stored; consuming deletes the row in the same statement that reads it, so a ticket opens one
 * socket at most, however many instances race for it.
 */
public final class RelayTickets {
  /** Who a ticket was issued to, and from which page origin (null for a client that sent none). */
  public record Holder(String tenantId, String userId, String origin) {}

  private static final SecureRandom RANDOM = new SecureRandom();
  private final Database database;
  private final String table;

  public RelayTickets(Database database) {
    this.database = database;
    this.table = database.schema() + ".voice_relay_tickets";
  }

  /** A new ticket (256 random bits, URL-safe), valid until {@code now + ttl}; expired ones are purged. */
  public String issue(Holder holder, Instant now, Duration ttl) {
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    try (Connection c = database.connection()) {
      try (PreparedStatement purge = c.prepareStatement("delete from " + table + " where expires_at < ?")) {
        purge.setTimestamp(1, Timestamp.from(now));
        purge.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("insert into " + table
          + " (ticket_hash, tenant_id, user_id, origin, created_at, expires_at) values (?,?,?,?,?,?)")) {
        ps.setBytes(1, hash(ticket));
        ps.setString(2, holder.tenantId());
        ps.setString(3, holder.userId());
        ps.setString(4, holder.origin());
        ps.setTimestamp(5, Timestamp.from(now));
        ps.setTimestamp(6, Timestamp.from(now.plus(ttl)));
        ps.executeUpdate();
      }
    } catch (SQLException e) {
      throw database.failure(e);
    }
    return ticket;
  }

  /** The ticket's holder if it exists and has not expired; it cannot be used again either way. */
  public Optional<Holder> consume(String ticket, Instant now) {
    if (ticket == null || ticket.isEmpty() || ticket.length() > 64) {
      return Optional.empty();
    }
    try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(
        "delete from " + table + " where ticket_hash = ? returning tenant_id, user_id, origin, expires_at")) {
      ps.setBytes(1, hash(ticket));
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next() || !rs.getTimestamp("expires_at").toInstant().isAfter(now)) {
          return Optional.empty();
        }
        return Optional.of(new Holder(rs.getString("tenant_id"), rs.getString("user_id"), rs.getString("origin")));
      }
    } catch (SQLException e) {
      throw database.failure(e);
    }
  }

  private static byte[] hash(String ticket) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(ticket.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
