package io.dbaas.gatekeeper.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoggedPathTest {

    @Test
    void queryValuesAreDroppedAndNamesKept() {
        assertThat(LoggedPath.of("/collections/docs?api-key=dbk_secret&wait&limit=3"))
                .isEqualTo("/collections/docs?api-key=&wait&limit=");
    }

    @Test
    void escapesStayEscapedAndNothingCanBreakTheLine() {
        assertThat(LoggedPath.of("/a%0d%0aFAKE%20LINE")).isEqualTo("/a%0d%0aFAKE%20LINE");
        assertThat(LoggedPath.printable("GET\r\nX")).isEqualTo("GET\\x0d\\x0aX");
    }

    @Test
    void longPathsAreCut() {
        assertThat(LoggedPath.of("/" + "a".repeat(2000))).hasSize(513);
    }

    @Test
    void statusClassesAreBounded() {
        assertThat(RequestMetrics.statusClass(204)).isEqualTo("2xx");
        assertThat(RequestMetrics.statusClass(503)).isEqualTo("5xx");
        assertThat(RequestMetrics.statusClass(0)).isEqualTo("none");
        assertThat(RequestMetrics.statusClass(999)).isEqualTo("none");
    }
}
