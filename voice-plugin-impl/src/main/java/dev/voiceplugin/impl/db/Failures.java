package dev.voiceplugin.impl.db;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** Recognises "the database is not there" among the many exceptions JDBC, Hikari and Hibernate throw. */
final class Failures {
  private Failures() {}

  /**
   * HikariCP's "Connection is not available, request timed out" with no connection error behind it:
   * the pool is exhausted by load, the database itself is fine. (With the database down, Hikari
   * attaches the last connection failure as the cause.)
   */
  static boolean isPoolBusy(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SQLTransientConnectionException && c.getCause() == null && c.getMessage() != null
          && c.getMessage().contains("Connection is not available")) {
        return true;
      }
    }
    return false;
  }

  static boolean isConnectionFailure(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ConnectException || c instanceof SQLTransientConnectionException
          || c instanceof org.hibernate.exception.JDBCConnectionException) {
        return true;
      }
      if (c instanceof SQLException sql && sql.getSQLState() != null
          && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
        return true;
      }
    }
    return false;
  }

  private static String withoutMessage(Throwable root) {
    if (root instanceof java.io.EOFException) {
      return "the database server closed the connection";
    }
    return "the connection to the database failed";
  }

  /** A one-line reason, safe to log and show: the innermost message, without stack or URL query. */
  static String describe(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? withoutMessage(root) : root.getMessage();
    message = message.replaceAll("password=[^&\\s]*", "password=***");
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
