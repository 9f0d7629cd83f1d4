package dev.voiceplugin.impl.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's configuration table must name every setting the plugin reads, with its default. */
class SettingDocumentationTest {

  @Test
  void everySettingIsInTheReadmeWithItsDefault() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    for (Setting s : Setting.values()) {
      String row = readme.lines().filter(l -> l.startsWith("| `" + s.key() + "` |")).findFirst().orElse(null);
      assertThat(row).as("README row for " + s.key()).isNotNull();
      if (s.defaultValue() != null && !s.defaultValue().isEmpty()) {
        assertThat(row).as("default of " + s.key()).contains("`" + s.defaultValue() + "`");
      }
    }
  }
}
