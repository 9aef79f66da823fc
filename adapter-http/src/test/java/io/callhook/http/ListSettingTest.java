package io.callhook.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.callhook.http.config.CommaSeparatedListDeserializer;
import org.junit.jupiter.api.Test;

class ListSettingTest {

    @Test
    void commaSeparatedValueIsSplitAndTrimmed() {
        assertThat(CommaSeparatedListDeserializer.split(" new ,old,, ")).containsExactly("new", "old");
    }

    @Test
    void blankOrMissingValueIsAnEmptyList() {
        assertThat(CommaSeparatedListDeserializer.split("")).isEmpty();
        assertThat(CommaSeparatedListDeserializer.split("  ")).isEmpty();
        assertThat(CommaSeparatedListDeserializer.split(null)).isEmpty();
    }
}
