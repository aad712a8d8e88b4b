package io.dbaas.gatekeeper.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestTargetTest {

    @Test
    void anOriginFormTargetIsPassedOnExactlyAsEncoded() {
        assertThat(RequestTarget.pathAndQuery("/a%20b/c?x=1&y=%2F")).contains("/a%20b/c?x=1&y=%2F");
    }

    @Test
    void ofAnAbsoluteFormTargetOnlyThePathAndQueryCount() {
        assertThat(RequestTarget.pathAndQuery("http://10.0.0.7:6335/collections?x=1"))
                .contains("/collections?x=1");
        assertThat(RequestTarget.pathAndQuery("https://evil.example")).contains("/");
        assertThat(RequestTarget.pathAndQuery("http://evil.example?x=1")).contains("/?x=1");
    }

    @Test
    void aTargetWithAFragmentIsRefusedSinceTheClusterWouldCutThePathThere() {
        assertThat(RequestTarget.pathAndQuery("/collections/aliases#/points/search"))
                .isEmpty();
        assertThat(RequestTarget.pathAndQuery("http://h/collections/aliases#/points/search"))
                .isEmpty();
    }

    @Test
    void targetsThatNameNoPathAreRefused() {
        assertThat(RequestTarget.pathAndQuery("*")).isEmpty();
        assertThat(RequestTarget.pathAndQuery("evil.example:443")).isEmpty();
        assertThat(RequestTarget.pathAndQuery("")).isEmpty();
    }
}
