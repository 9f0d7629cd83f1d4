package dev.voiceplugin.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.voiceplugin.ui.session.StaticSite;
import dev.voiceplugin.ui.testing.BrowserFixture;
import dev.voiceplugin.ui.usage.UsageStub;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code <voice-usage>} against a stubbed calls and usage API, under the admin page's CSP: calls
 * under way with End call, usage per day as a chart with a table behind it, usage per user, the
 * CSV export, and what it says when there is nothing to show or the server refuses.
 */
class VoiceUsageTest {
  private static BrowserFixture browser;
  private static StaticSite site;

  private BrowserContext context;
  private Page page;
  private UsageStub api;
  private final List<String> problems = new ArrayList<>();

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

  @AfterEach
  void closePage() {
    if (context != null) {
      Object csp = page.evaluate("() => window.__csp || []");
      context.close();
      assertThat((List<?>) csp).as("CSP violations").isEmpty();
    }
    assertThat(problems).as("page errors").isEmpty();
  }

  private UsageStub prepare() {
    context = browser.newContext();
    page = context.newPage();
    page.onPageError(problems::add);
    page.addInitScript("window.__csp = []; document.addEventListener('securitypolicyviolation', "
        + "e => window.__csp.push(e.effectiveDirective + ' ' + e.blockedURI), true);");
    api = UsageStub.install(page);
    return api;
  }

  private void open() {
    page.navigate(site.url("/test/usage-host.html"));
    page.waitForFunction("() => customElements.get('voice-usage') !== undefined");
  }

  private Locator usage() {
    return page.locator("voice-usage");
  }

  private Locator table(String caption) {
    return usage().getByRole(AriaRole.TABLE, new Locator.GetByRoleOptions().setName(caption).setExact(true));
  }

  private Locator button(String name) {
    return usage().getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(name).setExact(true));
  }

  private static String someDays() {
    return UsageStub.days(30, i -> i == 29 ? "3,12.5,3000,0.12" : i == 27 ? "1,2,1000,0.04" : "0,0,0,0");
  }

  @Test
  void showsCallsUnderWayDailyUsageAndUsersFromTheApi() {
    prepare().calls(UsageStub.call("call_a", "ann", 65, 1200, "0.0123"), UsageStub.call("call_b", "bob", 5, 40, "null"))
        .daily(someDays())
        .users("{\"currency\":\"USD\",\"users\":[{\"userId\":\"bob\",\"calls\":1,\"minutes\":1.0,\"totalTokens\":40,\"estimatedCost\":null},"
            + "{\"userId\":\"ann\",\"calls\":2,\"minutes\":3.0,\"totalTokens\":1200,\"estimatedCost\":0.05}]}");
    open();

    Locator calls = table("Calls under way, refreshed every 5 seconds");
    assertThat(calls.getByRole(AriaRole.COLUMNHEADER)).hasText(new String[] {"User", "Started", "Duration", "Usage", "Estimated cost", "Actions"});
    Locator ann = calls.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHas(page.getByRole(AriaRole.ROWHEADER,
        new Page.GetByRoleOptions().setName("ann"))));
    assertThat(ann.getByRole(AriaRole.CELL).nth(1)).hasText(Pattern.compile("^1:0\\d$"));
    assertThat(ann.getByRole(AriaRole.CELL).nth(2)).hasText("1,200");
    assertThat(ann.getByRole(AriaRole.CELL).nth(3)).hasText("$0.0123");
    Locator bob = calls.getByRole(AriaRole.ROW).nth(2);
    assertThat(bob.getByRole(AriaRole.CELL).nth(3)).hasText("—not known");
    assertThat(button("End call of ann")).isVisible();
    assertThat(button("End call of bob")).isVisible();

    Locator chart = usage().locator("figure");
    assertThat(chart.locator("svg rect")).hasCount(30);
    assertThat(chart.locator("figcaption")).hasText(Pattern.compile("^Tokens: 4,000 tokens in all over 30 days, most on .+ \\(3,000 tokens\\)\\.$"));
    Locator days = table("Usage per day");
    assertThat(days.getByRole(AriaRole.ROW)).hasCount(31);
    assertThat(days.getByRole(AriaRole.ROW).last().getByRole(AriaRole.CELL)).hasText("3,000 tokens");

    Locator users = table("Usage per user, most tokens first");
    assertThat(users.getByRole(AriaRole.ROWHEADER)).hasText(new String[] {"ann", "bob"});
    assertThat(users.getByRole(AriaRole.ROW).nth(1).getByRole(AriaRole.CELL)).hasText(new String[] {"2", "3", "1,200", "$0.05"});

    Locator export = usage().getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Export CSV"));
    assertThat(export).hasAttribute("href", "/api/v1/usage/daily.csv?days=30");
    assertThat(export).hasAttribute("download", Pattern.compile(".+\\.csv"));
    assertThat(api.requests("GET", "realtime-calls").get(0).query()).isEqualTo("?status=active");
    assertThat(api.requests("GET", "usage/daily").get(0).query()).isEqualTo("?days=30");
  }

  @Test
  void realtimeCallsShowTokensAndGptLiveCallsTheirSeconds() {
    prepare().calls(UsageStub.call("call_rt", "ann", 30, 1200, "0.0123"), UsageStub.liveCall("call_live", "bob", 50, 42, 0, "0.042"),
        UsageStub.liveCall("call_both", "cy", 70, 61.5, 3000, "null"));
    open();
    Locator calls = table("Calls under way, refreshed every 5 seconds");
    assertThat(calls.getByRole(AriaRole.ROW).nth(1).getByRole(AriaRole.CELL).nth(2)).hasText("1,200");
    assertThat(calls.getByRole(AriaRole.ROW).nth(2).getByRole(AriaRole.CELL).nth(2)).hasText("42 s");
    assertThat(calls.getByRole(AriaRole.ROW).nth(3).getByRole(AriaRole.CELL).nth(2)).hasText("61.5 s + 3,000 tokens");
  }

  @Test
  void durationsTickBetweenRefreshes() {
    prepare().calls(UsageStub.call("call_a", "ann", 10, 0, "null"));
    open();
    Locator duration = table("Calls under way, refreshed every 5 seconds").locator("time[datetime^=PT]");
    assertThat(duration).hasText(Pattern.compile("^0:1\\d$"));
    String first = duration.textContent();

    assertThat(duration).not().hasText(first, new LocatorAssertions.HasTextOptions().setTimeout(3_000));
  }

  @Test
  void endCallAsksFirstThenHangsUpAndRefreshes() {
    prepare().calls(UsageStub.call("call_a", "ann", 30, 100, "null"), UsageStub.call("call_b", "bob", 5, 10, "null"));
    open();

    button("End call of ann").click();
    assertThat(usage().getByRole(AriaRole.GROUP, new Locator.GetByRoleOptions().setName("End this call now?"))).isVisible();
    assertThat(button("Keep it")).isFocused();
    button("Keep it").click();
    assertThat(button("End call of ann")).isFocused();
    assertThat(api.requests("DELETE", "realtime-calls/call_a")).isEmpty();

    int listsBefore = api.requests("GET", "realtime-calls").size();
    button("End call of ann").click();
    button("End the call").click();

    assertThat(usage().getByRole(AriaRole.STATUS)).hasText("The call of ann was ended.");
    assertThat(api.requests("DELETE", "realtime-calls/call_a")).hasSize(1);
    assertThat(api.requests("DELETE", "realtime-calls/call_a").get(0).csrfHeader()).isEqualTo("voice-plugin");
    assertThat(button("End call of ann")).hasCount(0);
    assertThat(button("End call of bob")).isVisible();
    assertThat(api.requests("GET", "realtime-calls").size()).isGreaterThan(listsBefore);
    assertThat(button("Refresh")).isFocused();
  }

  @Test
  void refreshesTheCallsEveryFiveSecondsAndKeepsAnOpenConfirmation() {
    prepare().calls(UsageStub.call("call_a", "ann", 30, 100, "null"));
    open();
    button("End call of ann").click();
    assertThat(button("Keep it")).isFocused();

    api.calls(UsageStub.call("call_a", "ann", 30, 500, "null"), UsageStub.call("call_c", "cem", 1, 10, "null"));

    assertThat(button("End call of cem")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(8_000));
    assertThat(table("Calls under way, refreshed every 5 seconds").getByRole(AriaRole.ROW).nth(1).getByRole(AriaRole.CELL).nth(2))
        .hasText("500");
    assertThat(button("Keep it")).isFocused();
  }

  @Test
  void togglesTheChartBetweenTokensMinutesAndCost() {
    prepare().daily(someDays());
    open();
    Locator caption = usage().locator("figcaption");
    assertThat(caption).hasText(Pattern.compile("^Tokens: "));

    usage().getByLabel("Minutes", new Locator.GetByLabelOptions().setExact(true)).check();
    assertThat(caption).hasText(Pattern.compile("^Minutes: 14\\.5 min in all over 30 days, most on .+ \\(12\\.5 min\\)\\.$"));
    assertThat(table("Usage per day").getByRole(AriaRole.COLUMNHEADER)).hasText(new String[] {"Day", "Minutes"});

    usage().getByLabel("Estimated cost", new Locator.GetByLabelOptions().setExact(true)).check();
    assertThat(caption).hasText(Pattern.compile("^Estimated cost: \\$0\\.16 in all over 30 days, most on .+ \\(\\$0\\.12\\)\\.$"));
    assertThat(usage().locator("svg rect[height='100']")).hasCount(1);
  }

  @Test
  void saysWhenNoCostCanBeEstimated() {
    prepare().daily(UsageStub.days(30, i -> i == 29 ? "1,2,500,null" : "0,0,0,null"));
    open();

    usage().getByLabel("Estimated cost", new Locator.GetByLabelOptions().setExact(true)).check();

    assertThat(usage().locator("figure")).isHidden();
    assertThat(usage().getByText(Pattern.compile("^No cost can be estimated: the prices of the models used are not known\\."))).isVisible();
  }

  @Test
  void saysSoWhenThereIsNothingToShow() {
    prepare();
    open();

    assertThat(usage().getByText("No calls right now. Calls appear here while they are under way.")).isVisible();
    assertThat(usage().getByText("No calls in the last 30 days.")).isVisible();
    assertThat(usage().getByText("No one has made a call in the last 30 days.")).isVisible();
    assertThat(usage().locator("figure")).isHidden();
    assertThat(usage().locator("table:not(.vu-daily-table)")).hasCount(2);
    assertThat(usage().locator("table:not(.vu-daily-table)").first()).isHidden();
  }

  @Test
  void showsTheServersDetailAndHintWhenAViewFails() {
    prepare().fail("usage/daily", 503, "database_unavailable", "The database cannot be reached.", "Try again in a minute.");
    open();

    assertThat(usage().getByText("The usage per day could not be loaded. The database cannot be reached. Try again in a minute.")).isVisible();
    assertThat(usage().getByText("No calls right now.", new Locator.GetByTextOptions())).isVisible();
  }

  @Test
  void showsOneMessageToSomeoneWhoIsNotATenantAdmin() {
    UsageStub stub = prepare();
    for (String path : List.of("realtime-calls", "usage/daily", "usage/users")) {
      stub.fail(path, 403, "not_tenant_admin", "You may not administer this tenant.", "Ask a tenant administrator for the voice-admin role.");
    }
    open();

    assertThat(usage().getByRole(AriaRole.ALERT)).hasText("You may not administer this tenant. Ask a tenant administrator for the voice-admin role.");
    assertThat(button("Refresh")).isHidden();
    int lists = api.requests("GET", "realtime-calls").size();
    page.waitForTimeout(5_500);
    assertThat(api.requests("GET", "realtime-calls")).as("no polling of a refused view").hasSize(lists);
  }

  @Test
  void everyControlAndTableIsNamed() {
    prepare().calls(UsageStub.call("call_a", "ann", 30, 100, "null")).daily(someDays());
    open();
    assertThat(button("End call of ann")).isVisible();

    @SuppressWarnings("unchecked")
    List<String> issues = (List<String>) usage().evaluate("""
        el => {
          const root = el.shadowRoot, issues = [];
          for (const input of root.querySelectorAll('input, select, textarea')) {
            if (!input.labels || input.labels.length === 0) issues.push('unlabelled ' + input.outerHTML);
          }
          for (const b of root.querySelectorAll('button, a')) {
            if (!(b.getAttribute('aria-label') || b.textContent).trim()) issues.push('unnamed ' + b.outerHTML);
          }
          for (const t of root.querySelectorAll('table')) {
            if (!t.caption || !t.caption.textContent.trim()) issues.push('table without caption');
            for (const th of t.querySelectorAll('th')) if (!th.getAttribute('scope')) issues.push('th without scope: ' + th.textContent);
            if (t.querySelectorAll('thead th').length === 0) issues.push('table without column headers');
          }
          for (const svg of root.querySelectorAll('svg')) {
            if (svg.getAttribute('aria-hidden') !== 'true' && !svg.getAttribute('aria-label')) issues.push('svg without name');
          }
          for (const s of root.querySelectorAll('section')) {
            const id = s.getAttribute('aria-labelledby');
            if (!id || !root.getElementById(id)) issues.push('section without heading');
          }
          return issues;
        }""");
    assertThat(issues).isEmpty();
  }
}
