package dev.voiceplugin.impl.db;

import java.io.InputStream;
import java.lang.reflect.InvocationHandler;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.hibernate.boot.registry.classloading.internal.ClassLoaderServiceImpl;
import org.hibernate.boot.registry.classloading.spi.ClassLoaderService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hibernate's class loading, with its Java services ({@code BytecodeProvider}, integrators, ...)
 * found only through the loader that loaded the plugin's Hibernate.
 *
 * <p>Hibernate's own service also asks the JVM's system class loader. When that loader holds a
 * second copy of Hibernate (an embedded Jetty or Tomcat started from an application's classpath,
 * as in the local run and the Jetty deployment test, or a host that embeds its server), it finds
 * that copy's {@code BytecodeProviderImpl}, which is not a subtype of the webapp's
 * {@code BytecodeProvider}: every start then logged HHH000505 with a 45-line
 * {@code ServiceConfigurationError}. A WAR's services are its own; the system copy is never wanted.
 */
final class PluginClassLoaderService implements ClassLoaderService {
  private static final Logger log = LoggerFactory.getLogger(PluginClassLoaderService.class);
  private final ClassLoader loader;
  private final ClassLoaderServiceImpl delegate;

  PluginClassLoaderService(ClassLoader loader) {
    this.loader = loader;
    this.delegate = new ClassLoaderServiceImpl(loader);
  }

  @Override
  public <S> Collection<S> loadJavaServices(Class<S> contract) {
    List<S> services = new ArrayList<>();
    Iterator<S> it = ServiceLoader.load(contract, loader).iterator();
    while (true) {
      try {
        if (!it.hasNext()) {
          return services;
        }
        services.add(it.next());
      } catch (ServiceConfigurationError e) {
        // A broken entry of the plugin's own classpath: name it in one line and use the others.
        log.warn("Ignoring a {} service that cannot be loaded: {}", contract.getName(), e.getMessage());
      }
    }
  }

  @Override
  public <T> Class<T> classForName(String className) {
    return delegate.classForName(className);
  }

  @Override
  public URL locateResource(String name) {
    return delegate.locateResource(name);
  }

  @Override
  public InputStream locateResourceStream(String name) {
    return delegate.locateResourceStream(name);
  }

  @Override
  public List<URL> locateResources(String name) {
    return delegate.locateResources(name);
  }

  @Override
  public <T> T generateProxy(InvocationHandler handler, Class... interfaces) {
    return delegate.generateProxy(handler, interfaces);
  }

  @Override
  public Package packageForNameOrNull(String packageName) {
    return delegate.packageForNameOrNull(packageName);
  }

  @Override
  public <T> T workWithClassLoader(Work<T> work) {
    return delegate.workWithClassLoader(work);
  }

  @Override
  public void stop() {
    delegate.stop();
  }
}
