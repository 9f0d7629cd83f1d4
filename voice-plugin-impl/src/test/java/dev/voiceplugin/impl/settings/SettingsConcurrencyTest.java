package dev.voiceplugin.impl.settings;

import static dev.voiceplugin.impl.testing.HeaderTenancy.admin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplugin.impl.testing.ApiClient;
import dev.voiceplugin.impl.testing.HeaderTenancy;
import dev.voiceplugin.impl.testing.PostgresFixture;
import dev.voiceplugin.impl.testing.TestServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SettingsConcurrencyTest {

  @ParameterizedTest(name = "starting from version {0}")
  @ValueSource(ints = {0, 1})
  void twoConcurrentPutsWithTheSameETagExactlyOneWins(int startVersion) throws Exception {
    Map<String, String> settings = new HashMap<>(PostgresFixture.newDatabase().pluginSettings());
    settings.put("VOICE_TENANCY", HeaderTenancy.NAME);
    try (TestServer server = TestServer.start(settings)) {
      ApiClient api = new ApiClient(server.baseUri());
      if (startVersion == 1) {
        assertThat(put(api, "marin", "\"0\"").status()).isEqualTo(200);
      }
      String etag = "\"" + startVersion + "\"";
      CyclicBarrier barrier = new CyclicBarrier(2);
      List<CompletableFuture<ApiClient.Reply>> replies = new ArrayList<>();
      for (String voice : List.of("ash", "coral")) {
        replies.add(CompletableFuture.supplyAsync(() -> {
          await(barrier);
          return put(api, voice, etag);
        }));
      }
      List<Integer> statuses = replies.stream().map(CompletableFuture::join).map(ApiClient.Reply::status).sorted().toList();
      assertThat(statuses).containsExactly(200, 412);
      long version = api.get("/api/v1/realtime-settings", admin("race", "ann")).json().at("/version").asLong();
      assertThat(version).isEqualTo(startVersion + 1);
      assertThat(api.get("/api/v1/realtime-settings/history", admin("race", "ann")).json().at("/total").asLong())
          .isEqualTo(startVersion + 1);
    }
  }

  @Test
  void conflictAnswerNamesTheCurrentVersion() {
    Map<String, String> settings = new HashMap<>(PostgresFixture.newDatabase().pluginSettings());
    settings.put("VOICE_TENANCY", HeaderTenancy.NAME);
    try (TestServer server = TestServer.start(settings)) {
      ApiClient api = new ApiClient(server.baseUri());
      put(api, "ash", "\"0\"");
      ApiClient.Reply stale = put(api, "coral", "\"0\"");
      assertThat(stale.status()).isEqualTo(412);
      assertThat(stale.json().at("/currentVersion").asLong()).isEqualTo(1);
    }
  }

  private static ApiClient.Reply put(ApiClient api, String voice, String etag) {
    return api.put("/api/v1/realtime-settings", SettingsJson.body(SettingsJson.defaults().put("voice", voice)),
        SettingsApiTest.concat(admin("race", "ann"), "If-Match", etag));
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
