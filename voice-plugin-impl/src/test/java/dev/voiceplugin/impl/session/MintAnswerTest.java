package dev.voiceplugin.impl.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplugin.impl.settings.IceServer;
import dev.voiceplugin.impl.web.Json;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pre-built mint answer is byte for byte what Jackson writes for the record, whatever the values hold. */
class MintAnswerTest {

  @ParameterizedTest
  @ValueSource(strings = {"ek_abc123", "ek_\"quoted\"\\back", "ek_ü€😀", "ek_\u0001\n\t</script>"})
  void theBytesAreJacksonsForAnySecret(String secret) throws Exception {
    ObjectNode update = Json.mapper().createObjectNode().put("type", "session.update");
    update.putObject("session").put("instructions", "Sag \"hallo\" – auf Deutsch.\n").put("type", "realtime");
    List<IceServer> ice = List.of(new IceServer(List.of("stun:stun.example.org:3478"), null, null),
        new IceServer(List.of("turns:turn.example.org:5349"), "user", "pä\"ss"));
    MintAnswer answer = MintAnswer.of("azure-openai", "gpt-realtime", "https://x.example/openai/v1/realtime/calls?a=b&c=d",
        update, ice, 42);
    MintResponse response = new MintResponse("azure-openai", "gpt-realtime", secret, 1_790_000_000L,
        "https://x.example/openai/v1/realtime/calls?a=b&c=d", update, ice, 42, answer);

    byte[] jackson = Json.mapper().writeValueAsBytes(response);
    byte[] ours = response.json();

    assertThat(new String(ours, StandardCharsets.UTF_8)).isEqualTo(new String(jackson, StandardCharsets.UTF_8));
    assertThat(Arrays.equals(ours, jackson)).isTrue();
    assertThat(Json.mapper().readTree(ours).path("clientSecret").asText()).isEqualTo(secret);
    assertThat(new String(jackson, StandardCharsets.UTF_8)).as("the answer component stays out of the JSON")
        .doesNotContain("\"answer\"");
  }

  @ParameterizedTest
  @ValueSource(longs = {0L, 1L, -5L, Long.MAX_VALUE})
  void anyExpiryAndNoIceServers(long expiresAt) throws Exception {
    ObjectNode update = Json.mapper().createObjectNode().put("type", "session.update");
    MintAnswer answer = MintAnswer.of("openai", "gpt-realtime-mini", "https://api.openai.com/v1/realtime/calls", update,
        List.of(), 7);
    MintResponse response = new MintResponse("openai", "gpt-realtime-mini", "ek_x", expiresAt,
        "https://api.openai.com/v1/realtime/calls", update, List.of(), 7, answer);
    assertThat(response.json()).isEqualTo(Json.mapper().writeValueAsBytes(response));
  }
}
