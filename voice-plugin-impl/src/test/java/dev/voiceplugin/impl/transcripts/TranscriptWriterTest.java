package dev.voiceplugin.impl.transcripts;

import static dev.voiceplugin.impl.testing.HeaderTenancy.admin;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.voiceplugin.impl.settings.TranscriptSettings;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The writer's failure path on the real database: while PostgreSQL holds the lines table locked
 * the queue fills, further lines are dropped, counted in the metric and warned about once; once
 * the lock is gone what was queued is written and new lines are taken again.
 */
class TranscriptWriterTest {
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
  void aFullQueueDropsLinesCountsThemAndWarnsOncePerEpisode() throws Exception {
    TranscriptsFixture.Call call = t.call("stalled", "sam"); // a real call row for the transcript
    Logger logger = (Logger) LoggerFactory.getLogger(TranscriptWriter.class);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    logger.addAppender(logs);
    TranscriptWriter writer = new TranscriptWriter(t.server.plugin().database(), 5, t.server.plugin().metrics()::transcriptLineDropped);
    try (Transcripts transcripts = new Transcripts(t.server.plugin().database(), writer, Clock.systemUTC());
        Connection lock = t.db.connect()) {
      lock.setAutoCommit(false);
      lock.createStatement().execute("lock table voice_transcript_lines in access exclusive mode");
      CallTranscript transcript = transcripts.begin(UUID.fromString(call.id()), "stalled", "sam", "webrtc", Instant.now(),
          new TranscriptSettings(true, 30));
      for (int i = 1; i <= 8; i++) {
        transcript.onEvent(dev.voiceplugin.impl.web.Json.mapper().readTree(Events.userSaid("item_s" + i, "Line " + i)), Instant.now());
      }
      assertThat(writer.pendingLines()).isEqualTo(5);
      assertThat(t.server.plugin().metrics().scrape()).contains("voice_transcript_lines_dropped_total 3.0");
      assertThat(logs.list).filteredOn(e -> e.getLevel() == Level.WARN && e.getFormattedMessage().contains("queue is full"))
          .hasSize(1);

      lock.commit(); // the database is back
      TranscriptsFixture.eventually(() -> writer.pendingLines() == 0, "the queued lines written");
      transcript.onEvent(dev.voiceplugin.impl.web.Json.mapper().readTree(Events.userSaid("item_s9", "Line 9")), Instant.now());
      TranscriptsFixture.eventually(() -> t.api.get("/api/v1/transcripts/" + call.id(), admin("stalled", "root")).json()
          .at("/lines").size() == 6, "the new line taken again");
      assertThat(t.transcript("stalled", call.id()).at("/lines").findValuesAsText("text"))
          .containsExactly("Line 1", "Line 2", "Line 3", "Line 4", "Line 5", "Line 9");
      assertThat(logs.list).filteredOn(e -> e.getFormattedMessage().contains("written again; 3 line(s) were dropped")).hasSize(1);
      assertThat(t.server.plugin().metrics().scrape()).contains("voice_transcript_lines_dropped_total 3.0");
    } finally {
      logger.detachAppender(logs);
      t.end("stalled", call);
    }
  }
}
