package dev.voiceplugin.impl.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the plugin's Flyway migrations into its own schema with its own history table, so the
 * plugin can share a host platform's database without touching the host's tables or history.
 */
public final class SchemaMigrator {
  public static final String HISTORY_TABLE = "voice_plugin_schema_history";
  public static final String LOCATION = "classpath:db/voiceplugin/migration";

  private SchemaMigrator() {}

  public static MigrateResult migrate(DataSource dataSource, String schema) {
    return configure(dataSource, schema).load().migrate();
  }

  static org.flywaydb.core.api.configuration.FluentConfiguration configure(DataSource dataSource, String schema) {
    return Flyway.configure(SchemaMigrator.class.getClassLoader())
        .dataSource(dataSource)
        .schemas(schema)
        .defaultSchema(schema)
        .createSchemas(true)
        .table(HISTORY_TABLE)
        .locations(LOCATION)
        .connectRetries(0)
        .validateMigrationNaming(true);
  }
}
