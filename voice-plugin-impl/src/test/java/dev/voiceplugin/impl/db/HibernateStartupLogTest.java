package dev.voiceplugin.impl.db;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.voiceplugin.impl.testing.PostgresFixture;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The plugin starts without Hibernate logging a stack trace or an error, also where the JVM's
 * system class loader holds a second copy of Hibernate: the local run and the Jetty deployment test
 * start an embedded Jetty from a classpath that has the plugin's jars, and the WAR has its own.
 * Here the plugin runs in a child-first loader, as in a WAR, with this test's classpath as parent.
 */
class HibernateStartupLogTest {
  @Test
  void startsInAWebappLikeLoaderWithoutHibernateStackTracesOrErrors() throws Exception {
    Map<String, String> settings = new HashMap<>(PostgresFixture.newDatabase().pluginSettings());
    Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Logger hibernate = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("org.hibernate");
    Level hibernateLevel = hibernate.getLevel();
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    hibernate.setLevel(Level.INFO);
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    try (URLClassLoader webapp = new ChildFirstLoader(testClasspath(), getClass().getClassLoader())) {
      thread.setContextClassLoader(webapp);
      @SuppressWarnings("unchecked")
      Consumer<Map<String, String>> start = (Consumer<Map<String, String>>) webapp
          .loadClass(StartAndStop.class.getName()).getDeclaredConstructor().newInstance();
      start.accept(settings);
    } finally {
      thread.setContextClassLoader(previous);
      root.detachAppender(logs);
      hibernate.setLevel(hibernateLevel);
    }

    assertThat(logs.list).as("the plugin started").anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("schema"));
    assertThat(logs.list).filteredOn(e -> e.getLoggerName().startsWith("org.hibernate"))
        .allSatisfy(e -> {
          assertThat(e.getLevel().isGreaterOrEqual(Level.ERROR)).as(e.getFormattedMessage()).isFalse();
          assertThat(e.getThrowableProxy()).as("stack trace of: " + e.getFormattedMessage()).isNull();
        });
    assertThat(logs.list).noneSatisfy(e -> assertThat(e.getFormattedMessage()).contains("ServiceConfigurationError"));
  }

  /** Loaded by the child loader: starts the whole plugin (Flyway, Hibernate, pool) and stops it. */
  public static final class StartAndStop implements Consumer<Map<String, String>> {
    @Override
    public void accept(Map<String, String> settings) {
      dev.voiceplugin.impl.VoicePlugin.start(dev.voiceplugin.impl.config.VoiceConfig.of(settings)).close();
    }
  }

  private static URL[] testClasspath() {
    String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return Arrays.stream(path.split(File.pathSeparator)).filter(p -> !p.isBlank()).map(p -> {
      try {
        return new File(p).toURI().toURL();
      } catch (MalformedURLException e) {
        throw new IllegalStateException(e);
      }
    }).toArray(URL[]::new);
  }

  /** A webapp's loader: its own classes first; the JDK and the logging the test captures come from the parent. */
  private static final class ChildFirstLoader extends URLClassLoader {
    ChildFirstLoader(URL[] urls, ClassLoader parent) {
      super(urls, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("org.slf4j.")
          || name.startsWith("ch.qos.logback.") || name.startsWith("sun.") || name.startsWith("jdk.")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          try {
            c = findClass(name);
          } catch (ClassNotFoundException notOurs) {
            c = super.loadClass(name, false);
          }
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }
  }
}
