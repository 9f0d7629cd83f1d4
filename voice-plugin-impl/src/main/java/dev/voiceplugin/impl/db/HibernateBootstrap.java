package dev.voiceplugin.impl.db;

import java.util.List;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.hibernate.boot.registry.BootstrapServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;

/** Plain Hibernate 6 bootstrap: Flyway owns the schema, Hibernate only validates it. */
final class HibernateBootstrap {
  private HibernateBootstrap() {}

  static SessionFactory build(DataSource dataSource, String schema, List<Class<?>> entities) {
    // Services only from the plugin's own loader; see PluginClassLoaderService for the system copy it avoids.
    Configuration cfg = new Configuration(new BootstrapServiceRegistryBuilder()
        .applyClassLoaderService(new PluginClassLoaderService(HibernateBootstrap.class.getClassLoader())).build());
    entities.forEach(cfg::addAnnotatedClass);
    cfg.getProperties().put(AvailableSettings.DATASOURCE, dataSource);
    cfg.setProperty(AvailableSettings.HBM2DDL_AUTO, "validate");
    cfg.setProperty(AvailableSettings.DEFAULT_SCHEMA, schema);
    cfg.setProperty(AvailableSettings.SHOW_SQL, "false");
    cfg.setProperty(AvailableSettings.JAKARTA_VALIDATION_MODE, "none");
    return cfg.buildSessionFactory();
  }
}
