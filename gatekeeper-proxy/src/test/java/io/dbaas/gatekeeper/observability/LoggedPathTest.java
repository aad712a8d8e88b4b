package io.dbaas.gatekeeper.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.contracts.security.ApiKeys;
import io.dbaas.contracts.security.KeyScope;
import org.junit.jupiter.api.Test;

class LoggedPathTest {

    private static final int PREFIX_AND_ID = ApiKeys.PREFIX.length() + 22;

    @Test
    void queryValuesAreDroppedAndNamesKept() {
        assertThat(LoggedPath.of("/collections/docs?api-key=dbk_secret&wait&limit=3"))
                .isEqualTo("/collections/docs?api-key=&wait&limit=");
    }

    @Test
    void aKeyAnywhereInThePathOrQueryLosesItsSecretAndKeepsItsId() {
        ApiKeys.IssuedKey issued = ApiKeys.issue("master-key", KeyScope.READ_WRITE, null);
        String key = issued.key();

        String logged = LoggedPath.of("/collections/" + key + "/points;" + key + "?" + key + "&k" + key + "=v");

        assertThat(logged)
                .doesNotContain(key.substring(PREFIX_AND_ID))
                .isEqualTo("/collections/dbk_" + issued.keyId() + "…/points;dbk_" + issued.keyId() + "…?dbk_"
                        + issued.keyId() + "…&kdbk_" + issued.keyId() + "…=");
    }

    /** A key cut short, or with characters added, is still a secret: nothing after the prefix is kept. */
    @Test
    void somethingThatLooksLikeAKeyButIsNotWholeKeepsOnlyThePrefix() {
        String key = ApiKeys.issue("master-key", KeyScope.READ_ONLY, null).key();

        assertThat(LoggedPath.of("/x/" + key.substring(0, 40) + "/y")).isEqualTo("/x/dbk_…/y");
        assertThat(LoggedPath.of("/x/" + key + "AB")).isEqualTo("/x/dbk_…");
        assertThat(LoggedPath.of("/x/dbk_/y")).isEqualTo("/x/dbk_/y");
    }

    @Test
    void aKeyStraddlingTheLengthLimitIsRedactedBeforeTheCut() {
        String key = ApiKeys.issue("master-key", KeyScope.READ_ONLY, null).key();

        String logged = LoggedPath.of("/" + "a".repeat(470) + "/" + key);

        assertThat(logged).doesNotContain(key.substring(PREFIX_AND_ID, PREFIX_AND_ID + 10));
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
