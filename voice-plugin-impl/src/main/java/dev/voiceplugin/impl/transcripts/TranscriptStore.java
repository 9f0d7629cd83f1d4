package dev.voiceplugin.impl.transcripts;

import dev.voiceplugin.impl.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads, deletes and purges stored transcripts; every read and delete is scoped by tenant, the purge by date only. */
final class TranscriptStore {
  private final Database database;
  private final String transcripts;
  private final String lines;
  private final String deletions;

  TranscriptStore(Database database) {
    this.database = database;
    this.transcripts = database.schema() + ".voice_transcripts";
    this.lines = database.schema() + ".voice_transcript_lines";
    this.deletions = database.schema() + ".voice_transcript_deletions";
  }

  /** Where an adopted call's transcript goes on: none when it was not kept (or is gone). */
  record Progress(int lastSeq, int chars, boolean truncated) {}

  Optional<Progress> progress(UUID callId) {
    String sql = "select t.truncated, (select coalesce(max(seq), 0) from " + lines + " l where l.call_id = t.call_id),"
        + " (select coalesce(sum(length(text)), 0) from " + lines + " l where l.call_id = t.call_id) from " + transcripts
        + " t where t.call_id = ?";
    try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, callId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new Progress(rs.getInt(2), (int) rs.getLong(3), rs.getBoolean(1))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw database.failure(e);
    }
  }

  /** The tenant's transcripts started before {@code before} (newest first), at most {@code limit}. */
  List<TranscriptSummary> list(String tenant, Optional<TranscriptCursor> before, int limit) {
    String sql = "select t.call_id, t.user_id, t.transport, t.started_at, t.ended_at, t.retention_until, t.truncated,"
        + " (select count(*) from " + lines + " l where l.call_id = t.call_id) from " + transcripts + " t where t.tenant_id = ?"
        + (before.isPresent() ? " and (t.started_at, t.call_id) < (?, ?)" : "") + " order by t.started_at desc, t.call_id desc limit ?";
    try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
      int p = 1;
      ps.setString(p++, tenant);
      if (before.isPresent()) {
        ps.setTimestamp(p++, Timestamp.from(before.get().startedAt()));
        ps.setObject(p++, before.get().callId());
      }
      ps.setInt(p, limit);
      List<TranscriptSummary> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(summary(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw database.failure(e);
    }
  }

  Optional<Transcript> find(String tenant, UUID callId) {
    String head = "select t.call_id, t.user_id, t.transport, t.started_at, t.ended_at, t.retention_until, t.truncated,"
        + " (select count(*) from " + lines + " l where l.call_id = t.call_id) from " + transcripts
        + " t where t.tenant_id = ? and t.call_id = ?";
    try (Connection c = database.connection()) {
      c.setAutoCommit(false);
      c.setReadOnly(true);
      try {
        TranscriptSummary summary;
        try (PreparedStatement ps = c.prepareStatement(head)) {
          ps.setString(1, tenant);
          ps.setObject(2, callId);
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              return Optional.empty();
            }
            summary = summary(rs);
          }
        }
        List<TranscriptLine> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select seq, role, text, interrupted, at from " + lines
            + " where call_id = ? order by seq")) {
          ps.setObject(1, callId);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(new TranscriptLine(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                  rs.getTimestamp(5).toInstant()));
            }
          }
        }
        return Optional.of(new Transcript(summary, out));
      } finally {
        c.rollback();
        c.setReadOnly(false);
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw database.failure(e);
    }
  }

  /** Deletes the tenant's transcript and records who did it, in one transaction; false when there is none. */
  boolean delete(String tenant, UUID callId, String by, Instant at) {
    try (Connection c = database.connection()) {
      c.setAutoCommit(false);
      try {
        int deleted;
        try (PreparedStatement ps = c.prepareStatement("delete from " + transcripts + " where tenant_id = ? and call_id = ?")) {
          ps.setString(1, tenant);
          ps.setObject(2, callId);
          deleted = ps.executeUpdate();
        }
        if (deleted == 1) {
          try (PreparedStatement ps = c.prepareStatement("insert into " + deletions
              + " (tenant_id, call_id, deleted_by, deleted_at) values (?,?,?,?)")) {
            ps.setString(1, tenant);
            ps.setObject(2, callId);
            ps.setString(3, by);
            ps.setTimestamp(4, Timestamp.from(at));
            ps.executeUpdate();
          }
        }
        c.commit();
        return deleted == 1;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw database.failure(e);
    }
  }

  /** Deletes every transcript whose retention ended by {@code now}, a thousand at a time; how many. */
  int purge(Instant now) {
    String sql = "delete from " + transcripts + " where call_id in (select call_id from " + transcripts
        + " where retention_until <= ? limit 1000)";
    int total = 0;
    try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
      int deleted;
      do {
        ps.setTimestamp(1, Timestamp.from(now));
        deleted = ps.executeUpdate();
        total += deleted;
      } while (deleted == 1000);
      return total;
    } catch (SQLException e) {
      throw database.failure(e);
    }
  }

  private static TranscriptSummary summary(ResultSet rs) throws SQLException {
    Timestamp ended = rs.getTimestamp(5);
    return new TranscriptSummary(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
        ended == null ? null : ended.toInstant(), rs.getTimestamp(6).toInstant(), rs.getBoolean(7), rs.getInt(8));
  }
}
