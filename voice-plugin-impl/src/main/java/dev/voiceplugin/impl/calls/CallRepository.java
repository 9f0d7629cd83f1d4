package dev.voiceplugin.impl.calls;

import dev.voiceplugin.impl.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The calls table. Every read and change is scoped by tenant except the lease work of the
 * supervisor, which moves ownership between instances and never returns rows to a tenant.
 */
public final class CallRepository {
  private final Database database;
  private final String calls;
  private final String tenants;

  public CallRepository(Database database) {
    this.database = database;
    this.calls = database.schema() + ".voice_calls";
    this.tenants = database.schema() + ".voice_call_tenants";
  }

  /** Outcome of {@link #reserve}: the new call's id, or the number of active calls that refused it. */
  public record Reservation(Optional<UUID> id, int active) {}

  /**
   * Reserves a call slot for the tenant if fewer than {@code cap} calls are active, under a lock on
   * the tenant's row, so instances sharing the database never exceed the cap together.
   */
  public Reservation reserve(String tenant, String user, String provider, String model, long version, Instant now,
      Instant endsAt, int cap, String owner, Duration lease) {
    return reserve(tenant, user, provider, model, version, now, endsAt, cap, owner, lease, CallRecord.WEBRTC);
  }

  /** {@link #reserve} for a call of the given transport ({@link CallRecord#WEBRTC} or {@link CallRecord#RELAY}). */
  public Reservation reserve(String tenant, String user, String provider, String model, long version, Instant now,
      Instant endsAt, int cap, String owner, Duration lease, String transport) {
    try (Connection c = database.connection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement ps = c.prepareStatement("insert into " + tenants + " values (?) on conflict do nothing")) {
          ps.setString(1, tenant);
          ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("select 1 from " + tenants + " where tenant_id = ? for update")) {
          ps.setString(1, tenant);
          ps.executeQuery().close();
        }
        int active;
        try (PreparedStatement ps = c.prepareStatement("select count(*) from " + calls + " where tenant_id = ? and ended_at is null")) {
          ps.setString(1, tenant);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            active = rs.getInt(1);
          }
        }
        if (active >= cap) {
          c.rollback();
          return new Reservation(Optional.empty(), active);
        }
        UUID id = UUID.randomUUID();
        try (PreparedStatement ps = c.prepareStatement("insert into " + calls + " (id, tenant_id, user_id, provider, model,"
            + " provider_call_id, settings_version, started_at, ends_at, owner, lease_until, transport)"
            + " values (?,?,?,?,?,'',?,?,?,?,?,?)")) {
          ps.setObject(1, id);
          ps.setString(2, tenant);
          ps.setString(3, user);
          ps.setString(4, provider);
          ps.setString(5, model);
          ps.setLong(6, version);
          ps.setTimestamp(7, Timestamp.from(now));
          ps.setTimestamp(8, Timestamp.from(endsAt));
          ps.setString(9, owner);
          ps.setTimestamp(10, Timestamp.from(now.plus(lease)));
          ps.setString(11, transport);
          ps.executeUpdate();
        }
        c.commit();
        return new Reservation(Optional.of(id), active);
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw database.failure(e);
    }
  }

  public void setProviderCallId(UUID id, String providerCallId) {
    update("update " + calls + " set provider_call_id = ? where id = ?", ps -> {
      ps.setString(1, providerCallId);
      ps.setObject(2, id);
    });
  }

  /** Marks the call ended (once: a later end keeps the first reason). True when this call ended it. */
  public boolean end(UUID id, EndReason reason, Instant at) {
    return update("update " + calls + " set ended_at = ?, end_reason = ?, owner = null, lease_until = null"
        + " where id = ? and ended_at is null", ps -> {
          ps.setTimestamp(1, Timestamp.from(at));
          ps.setString(2, reason.wire());
          ps.setObject(3, id);
        }) == 1;
  }

  public Optional<CallRecord> find(String tenant, UUID id) {
    List<CallRecord> found = query("select * from " + calls + " where tenant_id = ? and id = ?", ps -> {
      ps.setString(1, tenant);
      ps.setObject(2, id);
    });
    return found.stream().findFirst();
  }

  public List<CallRecord> active(String tenant) {
    return query("select * from " + calls + " where tenant_id = ? and ended_at is null order by started_at", ps -> ps.setString(1, tenant));
  }

  /** Extends this instance's leases; returns how many calls it still owns. */
  public int renewLeases(String owner, Duration lease) {
    return update("update " + calls + " set lease_until = now() + make_interval(secs => ?) where owner = ? and ended_at is null",
        ps -> {
          ps.setDouble(1, lease.toMillis() / 1000.0);
          ps.setString(2, owner);
        });
  }

  /** How many calls of the tenant are active now (a check before a ticket; {@link #reserve} is the real gate). */
  public int activeCount(String tenant) {
    try (Connection c = database.connection();
        PreparedStatement ps = c.prepareStatement("select count(*) from " + calls + " where tenant_id = ? and ended_at is null")) {
      ps.setString(1, tenant);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    } catch (SQLException e) {
      throw database.failure(e);
    }
  }

  /**
   * Ends calls whose owner stopped renewing and that nobody can re-attach: relayed sessions (their
   * browser socket was on the stopped instance) and calls the provider had not yet created.
   */
  public int endLost(Instant at) {
    return update("update " + calls + " set ended_at = ?, end_reason = ?, owner = null, lease_until = null"
        + " where ended_at is null and (provider_call_id = '' or transport = ?) and lease_until < now()", ps -> {
          ps.setTimestamp(1, Timestamp.from(at));
          ps.setString(2, EndReason.INSTANCE_LOST.wire());
          ps.setString(3, CallRecord.RELAY);
        });
  }

  /** Takes over calls whose owner stopped renewing (at most {@code limit}); returns them. */
  public List<CallRecord> claimOrphans(String owner, Duration lease, int limit) {
    return query("update " + calls + " set owner = ?, lease_until = now() + make_interval(secs => ?) where id in (select id from "
        + calls + " where ended_at is null and provider_call_id <> '' and transport <> 'relay' and lease_until < now() order by lease_until limit ?"
        + " for update skip locked) returning *", ps -> {
          ps.setString(1, owner);
          ps.setDouble(2, lease.toMillis() / 1000.0);
          ps.setInt(3, limit);
        });
  }

  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  private int update(String sql, Binder binder) {
    try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw database.failure(e);
    }
  }

  private List<CallRecord> query(String sql, Binder binder) {
    try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        List<CallRecord> rows = new ArrayList<>();
        while (rs.next()) {
          rows.add(new CallRecord(rs.getObject("id", UUID.class), rs.getString("tenant_id"), rs.getString("user_id"),
              rs.getString("provider"), rs.getString("model"), rs.getString("provider_call_id"), rs.getLong("settings_version"),
              rs.getTimestamp("started_at").toInstant(), rs.getTimestamp("ends_at").toInstant(),
              Optional.ofNullable(rs.getTimestamp("ended_at")).map(Timestamp::toInstant),
              Optional.ofNullable(rs.getString("end_reason")), rs.getString("transport")));
        }
        return rows;
      }
    } catch (SQLException e) {
      throw database.failure(e);
    }
  }
}
