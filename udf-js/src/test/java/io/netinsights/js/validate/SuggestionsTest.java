package io.netinsights.js.validate;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Edit distance and the typo threshold behind "did you mean". */
class SuggestionsTest {

    @Test
    void distanceCountsEdits() {
        assertThat(Suggestions.distance("putt", "put")).isEqualTo(1);
        assertThat(Suggestions.distance("kenesis", "kinesis")).isEqualTo(1);
        assertThat(Suggestions.distance("", "log")).isEqualTo(3);
        assertThat(Suggestions.distance("warn", "log")).isEqualTo(4);
    }

    @Test
    void suggestsOnlyCloseCandidates() {
        List<String> hooks = List.of("onItemCaptured", "onPacketCaptured", "onHubAction");

        assertThat(Suggestions.closest("onItemCapture", hooks)).contains("onItemCaptured");
        assertThat(Suggestions.closest("onStartup", hooks)).isEmpty();
        assertThat(Suggestions.closest("warn", List.of("log", "error", "clear"))).isEmpty();
        assertThat(Suggestions.didYouMean("conosle", List.of("console", "env")))
                .isEqualTo(" (did you mean console?)");
    }
}
