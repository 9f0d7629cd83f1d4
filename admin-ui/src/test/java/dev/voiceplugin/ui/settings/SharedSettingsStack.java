package dev.voiceplugin.ui.settings;

import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.voiceplugin.impl.testing.ApiClient;
import java.net.URI;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link SettingsStack} for a whole test class, started before its first test and closed after
 * its last: {@code @RegisterExtension static final SharedSettingsStack stack = new SharedSettingsStack();}.
 * Tests stay apart by using tenants of their own.
 */
public final class SharedSettingsStack implements BeforeAllCallback, AfterAllCallback {
  private SettingsStack stack;

  @Override
  public void beforeAll(ExtensionContext context) {
    PlaywrightAssertions.setDefaultAssertionTimeout(10_000);
    stack = SettingsStack.start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (stack != null) {
      stack.close();
    }
  }

  public URI baseUri() {
    return stack.baseUri();
  }

  public String newTenant() {
    return stack.newTenant();
  }

  public ApiClient api(String tenant, String user) {
    return stack.api(tenant, user);
  }

  public SettingsPage open(String tenant, String user) {
    return stack.open(tenant, user);
  }

  public SettingsPage open(String tenant, String user, boolean admin) {
    return stack.open(tenant, user, admin);
  }
}
