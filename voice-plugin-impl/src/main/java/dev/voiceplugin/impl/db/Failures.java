package dev.voiceplugin.impl.db;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** Recognises "the database is not there" among the many exceptions JDBC, Hikari and Hibernate throw. */
final class Failures {
  private Failures() {}

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
