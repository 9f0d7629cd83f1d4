package dev.voiceplugin.impl.limits;

import dev.voiceplugin.impl.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The shared token buckets in PostgreSQL. A lease is one statement that refills the bucket for
 * the time since its last lease, takes up to the wanted tokens and says how many it got; the row
 * is locked only for that statement, never across a mint. Every connection is closed on every path.
 */
public final class BudgetStore {
  /** What a lease got, and what was left in the shared bucket after it. */
  public record Grant(int granted, double left) {}

  private final Database database;
  private final String leaseSql;
  private final String returnSql;
  private final String purgeSql;

  public BudgetStore(Database database) {
    this.database = database;
    String table = database.schema() + ".voice_rate_limit_budgets";
    // In ON CONFLICT DO UPDATE every b.* is the row before the update, so both columns are computed
    // from the same refilled amount. now() is the statement's start; greatest() keeps time monotonic
    // when a statement that started earlier gets the row lock later.
    String refilled = "least(?, b.tokens + ? * greatest(0, extract(epoch from (now() - b.refilled_at))))";
    this.leaseSql = "insert into " + table + " as b (id, tokens, refilled_at, last_grant) values (?, ?, now(), ?)"
        + " on conflict (id) do update set"
        + " last_grant = least(excluded.last_grant, floor(" + refilled + "))::integer,"
        + " tokens = " + refilled + " - least(excluded.last_grant, floor(" + refilled + ")),"
        + " refilled_at = greatest(b.refilled_at, now())"
        + " returning last_grant, tokens";
    this.returnSql = "update " + table + " set tokens = least(?, tokens + ?) where id = ?";
    this.purgeSql = "delete from " + table + " where refilled_at < now() - make_interval(secs => ?)";
  }

  /** Takes up to {@code wanted} tokens from bucket {@code id} of {@code limit}. */
  public Grant lease(String id, Limit limit, int wanted) {
    int want = (int) Math.min(wanted, limit.capacity());
    double rate = limit.tokensPerSecond();
    try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(leaseSql)) {
      int i = 1;
      ps.setString(i++, id);
      ps.setDouble(i++, limit.capacity() - want);
      ps.setInt(i++, want);
      for (int n = 0; n < 3; n++) {
        ps.setDouble(i++, limit.capacity());
        ps.setDouble(i++, rate);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new Grant(rs.getInt(1), rs.getDouble(2));
      }
    } catch (SQLException e) {
      throw database.failure(e);
    }
  }

  /** Gives unspent tokens back to the shared bucket (never above its capacity). */
  public void giveBack(String id, Limit limit, int tokens) {
    try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(returnSql)) {
      ps.setDouble(1, limit.capacity());
      ps.setInt(2, tokens);
      ps.setString(3, id);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw database.failure(e);
    }
  }

  /** Deletes buckets untouched for longer than {@code age}: a missing bucket is a full one. */
  public int purgeOlderThan(Duration age) {
    try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(purgeSql)) {
      ps.setDouble(1, age.toSeconds());
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw database.failure(e);
    }
  }
}
