package dev.voiceplugin.impl.transcripts;

import static dev.voiceplugin.impl.testing.HeaderTenancy.admin;
import static dev.voiceplugin.impl.testing.HeaderTenancy.member;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplugin.impl.testing.ApiClient;
import dev.voiceplugin.impl.testing.RelayClient;
import dev.voiceplugin.impl.testing.fake.FakeStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Stored transcripts end to end: real PostgreSQL, real HTTP, the fake provider's sideband and relay stream. */
class TranscriptsApiTest {
  static TranscriptsFixture t;

  @BeforeAll
  static void start() {
    t = new TranscriptsFixture();
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  @Test
  void aServerControlledCallsLinesAreStoredInOrderWithTheCutOffAnswerMarked() throws Exception {
    t.store("acme", 7);
    TranscriptsFixture.Call call = t.call("acme", "ann");
    call.fake().push(Events.userSaid("item_u1", "What is my balance?"));
    call.fake().push(Events.assistantSaid("item_a1", "Your balance is twelve euros and"));
    call.fake().push(Events.truncated("item_a1"));
    call.fake().push(Events.userSaid("item_u1", "What is my balance?")); // a replay is stored once
    call.fake().push(Events.truncated("item_a2")); // cut off before its text was done
    call.fake().push(Events.assistantWrote("item_a2", "Anything else?"));
    // The retention was fixed when the call started: a later change does not move it.
    t.store("acme", 100);
    JsonNode transcript = t.awaitLines("acme", call.id(), 3);
    JsonNode lines = transcript.at("/lines");
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0).at("/role").asText()).isEqualTo("user");
    assertThat(lines.get(0).at("/text").asText()).isEqualTo("What is my balance?");
    assertThat(lines.get(0).at("/interrupted").asBoolean()).isFalse();
    assertThat(lines.get(1).at("/role").asText()).isEqualTo("assistant");
    assertThat(lines.get(1).at("/interrupted").asBoolean()).isTrue();
    assertThat(lines.get(2).at("/text").asText()).isEqualTo("Anything else?");
    assertThat(lines.get(2).at("/interrupted").asBoolean()).isTrue();
    assertThat(lines.findValuesAsText("seq")).containsExactly("1", "2", "3");
    JsonNode summary = transcript.at("/summary");
    assertThat(summary.at("/userId").asText()).isEqualTo("ann");
    assertThat(summary.at("/transport").asText()).isEqualTo("webrtc");
    Instant started = Instant.parse(summary.at("/startedAt").asText());
    assertThat(Instant.parse(summary.at("/retentionUntil").asText())).isEqualTo(started.plus(Duration.ofDays(7)));
    assertThat(summary.at("/endedAt").isNull()).isTrue();

    t.end("acme", call);
    TranscriptsFixture.eventually(() -> !t.transcript("acme", call.id()).at("/summary/endedAt").isNull(), "end stored");
    JsonNode list = t.api.get("/api/v1/transcripts", admin("acme", "root")).json();
    assertThat(list.at("/items/0/callId").asText()).isEqualTo(call.id());
    assertThat(list.at("/items/0/lineCount").asInt()).isEqualTo(3);
  }

  @Test
  void aRelayedCallsLinesAreStoredAndATruncatedAnswerIsMarked() throws Exception {
    t.store("relayco", 30);
    int streamsBefore = t.fake.streams().size();
    try (RelayClient browser = t.relay("relayco", "rita")) {
      String callId = browser.events().get(0).path("callId").asText();
      FakeStream stream = t.fake.awaitStream(streamsBefore + 1, TranscriptsFixture.WAIT);
      for (int i = 0; i < 35; i++) {
        browser.send(RelayClient.toneAppend(20));
      }
      browser.awaitType("response.done", TranscriptsFixture.WAIT);
      stream.speak("item_spoken", 500);
      browser.await(e -> "response.done".equals(e.path("type").asText()) && e.toString().contains("item_spoken"),
          TranscriptsFixture.WAIT);
      browser.send("{\"type\":\"conversation.item.truncate\",\"item_id\":\"item_spoken\",\"content_index\":0,\"audio_end_ms\":300}");
      browser.awaitType("conversation.item.truncated", TranscriptsFixture.WAIT);
      TranscriptsFixture.eventually(() -> t.transcript("relayco", callId).at("/lines/2/interrupted").asBoolean(),
          "the truncated answer marked");
      JsonNode transcript = t.transcript("relayco", callId);
      assertThat(transcript.at("/summary/transport").asText()).isEqualTo("relay");
      assertThat(transcript.at("/lines").findValuesAsText("text"))
          .containsExactly("You said something.", "I heard you.", "Hello from the fake provider.");
      assertThat(transcript.at("/lines").findValuesAsText("role")).containsExactly("user", "assistant", "assistant");
      assertThat(transcript.at("/lines/1/interrupted").asBoolean()).isFalse();
    }
    assertThat(t.fake.takeViolations()).isEmpty();
  }

  @Test
  void nothingIsStoredWhileStorageIsOff() throws Exception {
    TranscriptsFixture.Call call = t.call("quiet", "quinn");
    call.fake().push(Events.userSaid("item_q1", "Keep this to yourself."));
    call.fake().push(Events.assistantSaid("item_q2", "I will."));
    call.fake().push(Events.usage("resp_quiet"));
    // The sideband hands events over in order: once the usage after them shows, they were handled.
    TranscriptsFixture.eventually(() -> t.api.get("/api/v1/realtime-calls/" + call.id(), admin("quiet", "root")).json()
        .at("/usage/totalTokens").asLong() > 0, "usage recorded");
    t.end("quiet", call);
    assertThat(t.api.get("/api/v1/transcripts", admin("quiet", "root")).json().at("/items")).isEmpty();
    ApiClient.Reply missing = t.api.get("/api/v1/transcripts/" + call.id(), admin("quiet", "root"));
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().at("/code").asText()).isEqualTo("transcript_not_found");
    assertThat(count("select count(*) from voice_transcripts where tenant_id = 'quiet'")).isZero();
    assertThat(count("select count(*) from voice_transcript_lines where call_id = '" + call.id() + "'")).isZero();
  }

  @Test
  void exportsAsTextOrJsonAndRefusesOtherFormats() throws Exception {
    t.store("export", 30);
    TranscriptsFixture.Call call = t.call("export", "eve");
    call.fake().push(Events.userSaid("item_e1", "First line\nsecond line"));
    call.fake().push(Events.assistantSaid("item_e2", "Noted."));
    call.fake().push(Events.truncated("item_e2"));
    t.awaitLines("export", call.id(), 2);
    TranscriptsFixture.eventually(() -> t.transcript("export", call.id()).at("/lines/1/interrupted").asBoolean(), "mark");

    ApiClient.Reply text = t.api.get("/api/v1/transcripts/" + call.id() + "?format=text", admin("export", "root"));
    assertThat(text.status()).isEqualTo(200);
    assertThat(text.contentType()).startsWith("text/plain");
    assertThat(text.header("Content-Disposition")).isEqualTo("attachment; filename=\"transcript-" + call.id() + ".txt\"");
    assertThat(text.header("Cache-Control")).isEqualTo("no-store");
    assertThat(text.body()).contains("Transcript of call " + call.id(), "User: eve", "] User: First line\n    second line",
        "] Assistant (interrupted): Noted.");

    ApiClient.Reply json = t.api.get("/api/v1/transcripts/" + call.id() + "?format=json", admin("export", "root"));
    assertThat(json.contentType()).startsWith("application/json");
    assertThat(json.header("Cache-Control")).isEqualTo("no-store");
    assertThat(json.json().at("/lines/0/text").asText()).isEqualTo("First line\nsecond line");

    ApiClient.Reply xml = t.api.get("/api/v1/transcripts/" + call.id() + "?format=xml", admin("export", "root"));
    assertThat(xml.status()).isEqualTo(400);
    assertThat(xml.contentType()).startsWith("application/problem+json");
    assertThat(xml.json().at("/code").asText()).isEqualTo("unknown_format");
    assertThat(xml.json().at("/hint").asText()).contains("format=text");
    assertThat(xml.header("Cache-Control")).isEqualTo("no-store");
  }

  @Test
  void anAdminDeletesATranscriptAndWhoAndWhenIsRecorded() throws Exception {
    t.store("deleting", 30);
    TranscriptsFixture.Call call = t.call("deleting", "dan");
    call.fake().push(Events.userSaid("item_d1", "Delete me."));
    t.awaitLines("deleting", call.id(), 1);
    ApiClient.Reply deleted = t.api.delete("/api/v1/transcripts/" + call.id(), admin("deleting", "dora"));
    assertThat(deleted.status()).isEqualTo(204);
    assertThat(deleted.header("Cache-Control")).isEqualTo("no-store");
    assertThat(t.api.get("/api/v1/transcripts/" + call.id(), admin("deleting", "dora")).status()).isEqualTo(404);
    ApiClient.Reply again = t.api.delete("/api/v1/transcripts/" + call.id(), admin("deleting", "dora"));
    assertThat(again.status()).isEqualTo(404);
    assertThat(again.json().at("/code").asText()).isEqualTo("transcript_not_found");
    assertThat(count("select count(*) from voice_transcript_deletions where tenant_id = 'deleting' and deleted_by = 'dora'"
        + " and call_id = '" + call.id() + "' and deleted_at > now() - interval '1 minute'")).isEqualTo(1);
    // A line arriving after the delete (the call still runs) neither brings it back nor breaks the writer.
    call.fake().push(Events.assistantSaid("item_d2", "Too late."));
    call.fake().push(Events.usage("resp_deleting"));
    TranscriptsFixture.eventually(() -> t.api.get("/api/v1/realtime-calls/" + call.id(), admin("deleting", "root")).json()
        .at("/usage/totalTokens").asLong() > 0, "usage after the delete");
    t.server.plugin().transcripts().list(caller("deleting"), 10, java.util.Optional.empty());
    assertThat(count("select count(*) from voice_transcript_lines where call_id = '" + call.id() + "'")).isZero();
    t.end("deleting", call);
  }

  @Test
  void anotherTenantsAdminCannotListReadExportOrDeleteAndMembersAreRefused() throws Exception {
    t.store("tenant-a", 30);
    TranscriptsFixture.Call call = t.call("tenant-a", "alice");
    call.fake().push(Events.userSaid("item_i1", "Tenant A's secret."));
    t.awaitLines("tenant-a", call.id(), 1);
    String path = "/api/v1/transcripts/" + call.id();

    ApiClient.Reply list = t.api.get("/api/v1/transcripts", admin("tenant-b", "bob"));
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.body()).doesNotContain(call.id());
    for (ApiClient.Reply reply : List.of(t.api.get(path, admin("tenant-b", "bob")),
        t.api.get(path + "?format=text", admin("tenant-b", "bob")), t.api.delete(path, admin("tenant-b", "bob")))) {
      assertThat(reply.status()).isEqualTo(404);
      assertThat(reply.contentType()).startsWith("application/problem+json");
      assertThat(reply.json().at("/code").asText()).isEqualTo("transcript_not_found");
      assertThat(reply.body()).doesNotContain("secret");
    }
    for (ApiClient.Reply reply : List.of(t.api.get("/api/v1/transcripts", member("tenant-a", "mia", true)),
        t.api.get(path, member("tenant-a", "mia", true)), t.api.get(path + "?format=text", member("tenant-a", "mia", true)),
        t.api.delete(path, member("tenant-a", "mia", true)))) {
      assertThat(reply.status()).isEqualTo(403);
      assertThat(reply.json().at("/code").asText()).isEqualTo("not_tenant_admin");
    }
    assertThat(t.transcript("tenant-a", call.id()).at("/lines/0/text").asText()).isEqualTo("Tenant A's secret.");
    t.end("tenant-a", call);
  }

  @Test
  void aCallPastItsCapsKeepsTheFirstLinesAndIsMarkedTruncated() throws Exception {
    t.store("capped", 30);
    TranscriptsFixture.Call many = t.call("capped", "cara");
    for (int i = 1; i <= CallTranscript.MAX_LINES + 5; i++) {
      many.fake().push(Events.userSaid("item_m" + i, "Line " + i));
    }
    JsonNode kept = t.awaitLines("capped", many.id(), CallTranscript.MAX_LINES);
    TranscriptsFixture.eventually(() -> t.transcript("capped", many.id()).at("/summary/truncated").asBoolean(), "truncated");
    kept = t.transcript("capped", many.id());
    assertThat(kept.at("/lines")).hasSize(CallTranscript.MAX_LINES);
    assertThat(kept.at("/lines/" + (CallTranscript.MAX_LINES - 1) + "/text").asText()).isEqualTo("Line " + CallTranscript.MAX_LINES);
    t.end("capped", many);

    TranscriptsFixture.Call longOne = t.call("capped", "cara");
    String ninetyThousand = "x".repeat(90_000);
    longOne.fake().push(Events.userSaid("item_l1", ninetyThousand));
    longOne.fake().push(Events.assistantSaid("item_l2", ninetyThousand));
    longOne.fake().push(Events.userSaid("item_l3", ninetyThousand)); // 270,000 characters: past 200,000
    longOne.fake().push(Events.assistantSaid("item_l4", "short")); // would fit, but the transcript is already cut
    longOne.fake().push(Events.usage("resp_long"));
    TranscriptsFixture.eventually(() -> t.api.get("/api/v1/realtime-calls/" + longOne.id(), admin("capped", "root")).json()
        .at("/usage/totalTokens").asLong() > 0, "every event handled");
    JsonNode longKept = t.transcript("capped", longOne.id());
    assertThat(longKept.at("/summary/truncated").asBoolean()).isTrue();
    assertThat(longKept.at("/lines").findValuesAsText("seq")).containsExactly("1", "2");
    t.end("capped", longOne);
  }

  @Test
  void theListIsPagedNewestFirstWithACursor() throws Exception {
    t.store("paged", 30);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      TranscriptsFixture.Call call = t.call("paged", "pia");
      call.fake().push(Events.userSaid("item_p" + i, "Call " + i));
      t.awaitLines("paged", call.id(), 1);
      t.end("paged", call);
      ids.add(0, call.id());
      Thread.sleep(5);
    }
    JsonNode first = t.api.get("/api/v1/transcripts?limit=2", admin("paged", "root")).json();
    assertThat(first.at("/items").findValuesAsText("callId")).containsExactly(ids.get(0), ids.get(1));
    String cursor = first.at("/nextCursor").asText();
    assertThat(cursor).isNotBlank();
    JsonNode second = t.api.get("/api/v1/transcripts?limit=2&cursor=" + cursor, admin("paged", "root")).json();
    assertThat(second.at("/items").findValuesAsText("callId")).containsExactly(ids.get(2));
    assertThat(second.at("/nextCursor").isNull()).isTrue();
    ApiClient.Reply badCursor = t.api.get("/api/v1/transcripts?cursor=nonsense", admin("paged", "root"));
    assertThat(badCursor.status()).isEqualTo(400);
    assertThat(badCursor.json().at("/code").asText()).isEqualTo("invalid_cursor");
    assertThat(t.api.get("/api/v1/transcripts?limit=0", admin("paged", "root")).json().at("/code").asText())
        .isEqualTo("invalid_paging");
    ApiClient.Reply list = t.api.get("/api/v1/transcripts", admin("paged", "root"));
    assertThat(list.header("Cache-Control")).isEqualTo("no-store");
  }

  @Test
  void thePurgeDeletesOnlyTranscriptsPastTheirRetention() throws Exception {
    String expired = insertTranscript("purging", Instant.now().minus(Duration.ofDays(31)), Instant.now().minusSeconds(60));
    String kept = insertTranscript("purging", Instant.now().minus(Duration.ofDays(2)), Instant.now().plus(Duration.ofDays(28)));
    assertThat(t.server.plugin().transcripts().purge()).isEqualTo(1);
    assertThat(t.api.get("/api/v1/transcripts/" + expired, admin("purging", "root")).status()).isEqualTo(404);
    assertThat(t.transcript("purging", kept).at("/lines/0/text").asText()).isEqualTo("kept line");
    assertThat(count("select count(*) from voice_transcript_lines where call_id = '" + expired + "'")).isZero();
    assertThat(t.server.plugin().transcripts().purge()).isZero();
  }

  /** A call of a past day with one line, written as the plugin would have. */
  private static String insertTranscript(String tenant, Instant started, Instant retentionUntil) throws Exception {
    java.util.UUID id = java.util.UUID.randomUUID();
    try (Connection c = t.db.connect()) {
      try (PreparedStatement ps = c.prepareStatement("insert into voice_calls (id, tenant_id, user_id, provider, model,"
          + " provider_call_id, settings_version, started_at, ends_at, ended_at, end_reason) values (?,?,'old','openai',"
          + "'gpt-realtime','rtc_old',1,?,?,?,'ended_by_user')")) {
        ps.setObject(1, id);
        ps.setString(2, tenant);
        ps.setTimestamp(3, java.sql.Timestamp.from(started));
        ps.setTimestamp(4, java.sql.Timestamp.from(started.plusSeconds(600)));
        ps.setTimestamp(5, java.sql.Timestamp.from(started.plusSeconds(60)));
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("insert into voice_transcripts (call_id, tenant_id, user_id, transport,"
          + " started_at, ended_at, retention_until) values (?,?,'old','webrtc',?,?,?)")) {
        ps.setObject(1, id);
        ps.setString(2, tenant);
        ps.setTimestamp(3, java.sql.Timestamp.from(started));
        ps.setTimestamp(4, java.sql.Timestamp.from(started.plusSeconds(60)));
        ps.setTimestamp(5, java.sql.Timestamp.from(retentionUntil));
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("insert into voice_transcript_lines (call_id, seq, role, text, at)"
          + " values (?, 1, 'user', ?, ?)")) {
        ps.setObject(1, id);
        ps.setString(2, retentionUntil.isBefore(Instant.now()) ? "expired line" : "kept line");
        ps.setTimestamp(3, java.sql.Timestamp.from(started.plusSeconds(5)));
        ps.executeUpdate();
      }
    }
    return id.toString();
  }

  static dev.voiceplugin.api.Caller caller(String tenant) {
    return new dev.voiceplugin.api.Caller(new dev.voiceplugin.api.TenantId(tenant), "root");
  }

  static long count(String sql) throws Exception {
    try (Connection c = t.db.connect(); ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
