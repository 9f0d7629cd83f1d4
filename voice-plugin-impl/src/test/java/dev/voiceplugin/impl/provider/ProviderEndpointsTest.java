package dev.voiceplugin.impl.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The model becomes a path segment of the connection test's request: only safe names get there. */
class ProviderEndpointsTest {
  private final ProviderEndpoints endpoints = new ProviderEndpoints(URI.create("https://api.openai.com"));

  @Test
  void aModelNameIsOnePathSegment() {
    assertThat(endpoints.modelUrl(TestSettings.openAi().model("ft:gpt-4o-mini:acme:custom:abc123").build()))
        .isEqualTo(URI.create("https://api.openai.com/v1/models/ft:gpt-4o-mini:acme:custom:abc123"));
  }

  @Test
  void namesThatWouldWalkThePathAreRefusedEvenIfStoredBeforeValidation() {
    for (String model : new String[] {"..", ".", "a..b", "-x"}) {
      assertThatThrownBy(() -> endpoints.modelUrl(TestSettings.openAi().model(model).build())).as(model)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
