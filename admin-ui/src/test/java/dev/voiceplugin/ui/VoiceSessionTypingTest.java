package dev.voiceplugin.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voiceplugin.ui.session.RelayStub;
import dev.voiceplugin.ui.session.SessionHarness;
import dev.voiceplugin.ui.session.StaticSite;
import dev.voiceplugin.ui.session.WidgetPage;
import dev.voiceplugin.ui.testing.BrowserFixture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Typing instead of talking: the text goes out as the user's own input_text message and a plain
 * response.create (the shapes the relay forwards), on both transports; the transcript shows it
 * when the provider announces the item; typing over a running answer stops that answer first.
 */
class VoiceSessionTypingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TYPED = "{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"message\",\"role\":\"user\","
      + "\"content\":[{\"type\":\"input_text\",\"text\":\"What changed in the billing settings?\"}]}}";
  private static BrowserFixture browser;
  private static StaticSite site;

  private SessionHarness h;
  private WidgetPage widget;

  @BeforeAll
  static void launch() {
    browser = BrowserFixture.launch();
    site = StaticSite.start();
  }

  @AfterAll
  static void shutDown() {
    site.close();
    browser.close();
  }

  @BeforeEach
  void openPage() {
    h = SessionHarness.create(browser.newContext());
    h.stubMint();
  }

  @AfterEach
  void closePage() {
    h.close();
  }

  @Test
  void aTypedMessageIsSentAsTheUsersTextAndShownWhenTheProviderAddsIt() throws Exception {
    h.open(site.hostPage());
    widget = h.widget;
    assertThat(widget.typingBox()).isHidden();
    widget.start();
    widget.awaitState("listening");

    widget.typingBox().fill("  What changed in the billing settings?  ");
    widget.typingBox().press("Enter");

    widget.until("the message is sent", Duration.ofSeconds(5), () -> !h.model.received("response.create").isEmpty());
    assertThat(h.model.received("conversation.item.create")).containsExactly(JSON.readTree(TYPED));
    assertThat(h.model.received("response.create").get(0)).isEqualTo(JSON.readTree("{\"type\":\"response.create\"}"));
    assertThat(h.model.received("response.cancel")).as("nothing to interrupt").isEmpty();
    assertThat(widget.typingBox()).hasValue("");
    assertThat(widget.focused()).isEqualTo("input.");

    h.model.send("{\"type\":\"conversation.item.added\",\"item\":{\"id\":\"item_t1\",\"type\":\"message\",\"role\":\"user\","
        + "\"content\":[{\"type\":\"input_text\",\"text\":\"What changed in the billing settings?\"}]}}");

    assertThat(widget.turns()).hasCount(1);
    assertThat(widget.turns().nth(0)).hasClass("turn user");
    assertThat(widget.turns().nth(0)).containsText("What changed in the billing settings?");
    assertThat(widget.typingBox()).hasAttribute("maxlength", "4096");
  }

  @Test
  void typingOverARunningAnswerCancelsItFirst() {
    h.open(site.hostPage());
    widget = h.widget;
    widget.start();
    widget.awaitState("listening");
    h.model.sendAll(List.of(
        "{\"type\":\"response.created\",\"response\":{\"id\":\"resp_1\",\"status\":\"in_progress\"}}",
        "{\"type\":\"output_audio_buffer.started\",\"response_id\":\"resp_1\"}"));
    widget.awaitState("assistant-speaking");

    widget.typingBox().fill("Stop, something else");
    widget.sendButton().click();

    widget.until("the message is sent", Duration.ofSeconds(5), () -> !h.model.received("response.create").isEmpty());
    List<String> types = h.model.received().stream().map(e -> e.path("type").asText()).toList();
    assertThat(types.subList(types.indexOf("response.cancel"), types.size()))
        .containsExactly("response.cancel", "output_audio_buffer.clear", "conversation.item.create", "response.create");
  }

  @Test
  void overTheRelayTheSameEventsGoThroughTheSocket() throws Exception {
    RelayStub relay = h.stubRelay();
    h.open(site.hostPage());
    widget = h.widget;
    widget.setTransport("websocket");
    widget.start();
    widget.awaitState("listening");

    widget.typingBox().fill("What changed in the billing settings?");
    widget.typingBox().press("Enter");

    widget.until("the message is sent", Duration.ofSeconds(5), () -> !relay.received("response.create").isEmpty());
    assertThat(relay.received("conversation.item.create")).containsExactly(JSON.readTree(TYPED));
    assertThat(relay.received("response.create").get(0).size()).isEqualTo(1);
  }

  @Test
  void emptyTextSendsNothingAndTheBoxGoesWithTheSession() {
    h.open(site.hostPage());
    widget = h.widget;
    widget.start();
    widget.awaitState("listening");

    widget.typingBox().fill("   ");
    widget.typingBox().press("Enter");
    h.page.waitForTimeout(300);

    assertThat(h.model.received("conversation.item.create")).isEmpty();
    assertThat(widget.focused()).isEqualTo("input.");
    widget.element().evaluate("el => el.stop()");
    widget.awaitState("ended");
    assertThat(widget.typingBox()).isHidden();
    assertThat(widget.focused()).as("the focus left the vanished box for Start").isEqualTo("button.start");
  }
}
