package dev.voiceplugin.impl.transcripts;

import dev.voiceplugin.impl.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/** The writer's statements: every change of one batch, in an order that keeps each row's parent first. */
final class TranscriptRows {
  static final int LINES_PER_STATEMENT = 200;

  private final Database database;
  private final String transcripts;
  private final String lines;

  TranscriptRows(Database database) {
    this.database = database;
    this.transcripts = database.schema() + ".voice_transcripts";
    this.lines = database.schema() + ".voice_transcript_lines";
  }

  Connection connection() {
    return database.connection();
  }

  RuntimeException failure(Throwable e) {
    return database.failure(e);
  }

  void write(Connection c, List<TranscriptOp> batch) throws SQLException {
    List<TranscriptOp.Start> starts = new ArrayList<>();
    List<TranscriptOp.Line> added = new ArrayList<>();
    List<TranscriptOp.Interrupted> interrupted = new ArrayList<>();
    List<TranscriptOp.Truncated> truncated = new ArrayList<>();
    List<TranscriptOp.Ended> ended = new ArrayList<>();
    for (TranscriptOp op : batch) {
      if (op instanceof TranscriptOp.Start s) {
        starts.add(s);
      } else if (op instanceof TranscriptOp.Line l) {
        added.add(l);
      } else if (op instanceof TranscriptOp.Interrupted i) {
        interrupted.add(i);
      } else if (op instanceof TranscriptOp.Truncated t) {
        truncated.add(t);
      } else if (op instanceof TranscriptOp.Ended e) {
        ended.add(e);
      }
    }
    // Starts first, marks last: a mark for a line of this very batch finds it.
    starts(c, starts);
    for (int from = 0; from < added.size(); from += LINES_PER_STATEMENT) {
      lines(c, added.subList(from, Math.min(added.size(), from + LINES_PER_STATEMENT)));
    }
    if (!interrupted.isEmpty()) {
      try (PreparedStatement ps = c.prepareStatement("update " + lines + " set interrupted = true where call_id = ? and seq = ?")) {
        for (TranscriptOp.Interrupted i : interrupted) {
          ps.setObject(1, i.callId());
          ps.setInt(2, i.seq());
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    if (!truncated.isEmpty()) {
      try (PreparedStatement ps = c.prepareStatement("update " + transcripts + " set truncated = true where call_id = ?")) {
        for (TranscriptOp.Truncated t : truncated) {
          ps.setObject(1, t.callId());
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    if (!ended.isEmpty()) {
      try (PreparedStatement ps = c.prepareStatement("update " + transcripts + " set ended_at = ? where call_id = ? and ended_at is null")) {
        for (TranscriptOp.Ended e : ended) {
          ps.setTimestamp(1, Timestamp.from(e.at()));
          ps.setObject(2, e.callId());
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
  }

  private void starts(Connection c, List<TranscriptOp.Start> starts) throws SQLException {
    if (starts.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("insert into " + transcripts + " (call_id, tenant_id, user_id, transport,"
        + " started_at, retention_until) values (?,?,?,?,?,?) on conflict do nothing")) {
      for (TranscriptOp.Start s : starts) {
        ps.setObject(1, s.callId());
        ps.setString(2, s.tenantId());
        ps.setString(3, s.userId());
        ps.setString(4, s.transport());
        ps.setTimestamp(5, Timestamp.from(s.startedAt()));
        ps.setTimestamp(6, Timestamp.from(s.retentionUntil()));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /**
   * One multi-row insert. Joined to the transcripts so that a line of a transcript deleted (by an
   * admin, or the purge) while its call still runs is skipped rather than failing the batch; a
   * replayed item is skipped by the unique index.
   */
  private void lines(Connection c, List<TranscriptOp.Line> chunk) throws SQLException {
    StringBuilder sql = new StringBuilder("insert into ").append(lines)
        .append(" (call_id, seq, role, item_id, text, interrupted, at) select v.call_id, v.seq, v.role, v.item_id, v.text,"
            + " v.interrupted, v.at from (values ");
    for (int i = 0; i < chunk.size(); i++) {
      sql.append(i == 0 ? "" : ",").append("(?::uuid, ?::integer, ?::varchar, ?::varchar, ?::text, ?::boolean, ?::timestamptz)");
    }
    sql.append(") as v (call_id, seq, role, item_id, text, interrupted, at) join ").append(transcripts)
        .append(" t on t.call_id = v.call_id on conflict do nothing");
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      int p = 1;
      for (TranscriptOp.Line l : chunk) {
        ps.setObject(p++, l.callId());
        ps.setInt(p++, l.line().seq());
        ps.setString(p++, l.line().role());
        ps.setString(p++, l.itemId());
        ps.setString(p++, l.line().text());
        ps.setBoolean(p++, l.line().interrupted());
        ps.setTimestamp(p++, Timestamp.from(l.line().at()));
      }
      ps.executeUpdate();
    }
  }
}
