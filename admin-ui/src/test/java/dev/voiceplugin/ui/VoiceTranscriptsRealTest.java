package dev.voiceplugin.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.RequestOptions;
import dev.voiceplugin.ui.session.Axe;
import dev.voiceplugin.ui.session.FakeProviderStack;
import dev.voiceplugin.ui.session.SessionHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Stored transcripts end to end in Chromium, nothing scripted in the page (issue #13): an
 * administrator turns storage on in the settings screen, talks through the real relay to the strict
 * fake provider (which echoes), and then finds the call in {@code <voice-transcripts>}: the list,
 * both sides' lines, the text export as a download, and delete after a confirm. Another tenant's
 * administrator sees none of it. Screenshots go to {@code target/screenshots/}.
 */
class VoiceTranscriptsRealTest {
  private static final Path SHOTS = Path.of("target", "screenshots");

  @RegisterExtension
  static final FakeProviderStack stack = new FakeProviderStack();

  private SessionHarness h;

  @AfterEach
  void closePage() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void aStoredCallIsListedShownExportedAndDeletedByItsTenantsAdministratorOnly() throws Exception {
    h = SessionHarness.create(stack.browser().newContext());
    stack.signInAdmin(h.context, "acme", "alice");
    h.open(base() + "/voice-plugin/admin.html");
    Locator transcripts = h.page.locator("voice-transcripts");
    assertThat(transcripts.getByRole(AriaRole.STATUS)).hasText("No stored transcripts.");

    // Storage on, in the settings screen.
    Locator settings = h.page.locator("voice-settings");
    settings.getByLabel("Store call transcripts", new Locator.GetByLabelOptions().setExact(true)).check();
    settings.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save settings")).click();
    assertThat(settings.locator("[role=status][aria-live=polite]")).containsText("Saved as version");

    // A call through the relay: the widget says it is kept, the fake echoes, Stop ends it.
    h.widget.setTransport("websocket");
    h.widget.start();
    h.widget.awaitState("listening", Duration.ofSeconds(20));
    assertThat(h.widget.storedNotice()).hasText("This conversation's transcript is saved for 30 days.");
    h.widget.until("the echoed reply is shown", Duration.ofSeconds(15),
        () -> h.widget.turns().allTextContents().stream().anyMatch(t -> t.contains("I heard you.")));
    h.widget.stopButton().click();
    h.widget.awaitState("ended");

    // The call in the list (the writer batches lines, so look again until they are in).
    Locator view = transcripts.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(Pattern.compile("^View the transcript of alice")));
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (true) {
      h.page.reload();
      h.page.waitForLoadState();
      if (view.count() == 1 && transcripts.locator("tbody td").nth(2).textContent().matches("[1-9]\\d*")) {
        break;
      }
      assertThat(System.nanoTime()).as("the stored transcript is listed").isLessThan(deadline);
      h.page.waitForTimeout(300);
    }
    assertThat(transcripts.locator("tbody tr")).hasCount(1);
    assertThat(transcripts.locator("tbody td").nth(1)).hasText("alice");

    view.click();
    Locator heading = transcripts.getByRole(AriaRole.HEADING, new Locator.GetByRoleOptions().setName(Pattern.compile("^Call of alice")));
    assertThat(heading).isFocused();
    Locator lines = transcripts.getByRole(AriaRole.LIST, new Locator.GetByRoleOptions().setName("Transcript")).getByRole(AriaRole.LISTITEM);
    assertThat(lines.first()).hasText("User: You said something.");
    assertThat(lines.filter(new Locator.FilterOptions().setHasText("Assistant: I heard you.")).first()).isVisible();
    transcripts.screenshot(new Locator.ScreenshotOptions().setPath(SHOTS.resolve("transcripts-view.png")));
    assertThat(Axe.seriousViolations(h.page, "voice-transcripts")).as("axe on the list and the open transcript").isEmpty();

    Download download = h.page.waitForDownload(() -> transcripts.getByRole(AriaRole.BUTTON,
        new Locator.GetByRoleOptions().setName("Export as text")).click());
    assertThat(download.suggestedFilename()).matches("transcript-.+\\.txt");
    String text = Files.readString(download.path());
    assertThat(text).startsWith("Transcript of call ").contains("User: alice").contains("User: You said something.")
        .contains("Assistant: I heard you.");

    // Another tenant's administrator sees nothing of it, in the page or through the API.
    try (BrowserContext other = stack.browser().newContext()) {
      stack.signInAdmin(other, "globex", "alice");
      Page page = other.newPage();
      page.navigate(base() + "/voice-plugin/admin.html");
      assertThat(page.locator("voice-transcripts").getByRole(AriaRole.STATUS)).hasText("No stored transcripts.");
      String callId = download.suggestedFilename().replaceAll("^transcript-|\\.txt$", "");
      APIResponse peek = other.request().get(base() + "/api/v1/transcripts/" + callId);
      assertThat(peek.status()).isEqualTo(404);
      assertThat(peek.text()).contains("\"code\":\"transcript_not_found\"");
      APIResponse erase = other.request().delete(base() + "/api/v1/transcripts/" + callId,
          RequestOptions.create().setHeader("X-Requested-With", "voice-plugin"));
      assertThat(erase.status()).isEqualTo(404);
    }

    // Delete asks first; "Keep it" keeps it, "Delete the transcript" deletes it for good.
    transcripts.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete…")).click();
    Locator keep = transcripts.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Keep it"));
    assertThat(keep).isFocused();
    transcripts.screenshot(new Locator.ScreenshotOptions().setPath(SHOTS.resolve("transcripts-confirm-delete.png")));
    assertThat(Axe.seriousViolations(h.page, "voice-transcripts")).as("axe on the delete confirmation").isEmpty();
    keep.click();
    assertThat(keep).isHidden();
    transcripts.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete…")).click();
    transcripts.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete the transcript")).click();
    assertThat(transcripts.getByRole(AriaRole.STATUS)).hasText("The transcript was deleted.");
    assertThat(transcripts.locator("tbody tr")).hasCount(0);
    assertThat(heading).isHidden();

    h.page.reload();
    assertThat(transcripts.getByRole(AriaRole.STATUS)).hasText("No stored transcripts.");
    assertThat(stack.fake().takeViolations()).as("the strict fake saw only valid events").isEmpty();
    assertThat(h.pageErrors).isEmpty();
    assertThat(h.model.cspViolations()).isEmpty();
  }

  private static String base() {
    return stack.base();
  }
}
