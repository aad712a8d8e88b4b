package io.dbaas.orion.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Answers;
import org.mockito.ArgumentCaptor;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/** The first start without a configured token: the one time a secret is printed. */
@ExtendWith(OutputCaptureExtension.class)
class PlatformBootstrapTest {

    static final Pattern TOKEN = Pattern.compile("dbm_[0-9a-f]{32}_[A-Za-z0-9_-]{43}");

    Accounts accounts = mock(Accounts.class);
    Credentials credentials = mock(Credentials.class);
    JdbcClient jdbc = mock(JdbcClient.class, Answers.RETURNS_DEEP_STUBS);
    Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void firstStartPrintsAGeneratedTokenOnceAndStoresOnlyItsHash(CapturedOutput output) throws Exception {
        when(accounts.existsByPlatformTrue()).thenReturn(false);
        when(accounts.save(any())).thenAnswer(call -> call.getArgument(0));

        bootstrap(null).run(new DefaultApplicationArguments());

        Matcher printed = TOKEN.matcher(output.getOut());
        assertThat(printed.find()).as("the token is in the banner").isTrue();
        ManagementToken token = ManagementToken.parse(printed.group()).orElseThrow();
        assertThat(printed.find()).as("printed once").isFalse();
        var saved = ArgumentCaptor.forClass(Credential.class);
        verify(credentials).save(saved.capture());
        assertThat(saved.getValue().role()).isEqualTo(Role.OPERATOR);
        assertThat(saved.getValue().id()).isEqualTo(token.credentialId());
        assertThat(saved.getValue().accepts(token)).isTrue();
    }

    @Test
    void laterStartPrintsNothingAndCreatesNothing(CapturedOutput output) throws Exception {
        when(accounts.existsByPlatformTrue()).thenReturn(true);

        bootstrap(null).run(new DefaultApplicationArguments());

        assertThat(output.getAll()).doesNotContain("dbm_");
        verify(accounts, never()).save(any());
        verify(credentials, never()).save(any());
    }

    @Test
    void configuredTokenIsNeverPrinted(CapturedOutput output) throws Exception {
        when(accounts.existsByPlatformTrue()).thenReturn(false);
        when(accounts.save(any())).thenAnswer(call -> call.getArgument(0));
        String configured =
                ManagementToken.generate(java.util.UUID.randomUUID()).value();

        bootstrap(configured).run(new DefaultApplicationArguments());

        assertThat(output.getAll()).doesNotContain("dbm_").contains("configured");
        var saved = ArgumentCaptor.forClass(Credential.class);
        verify(credentials).save(saved.capture());
        assertThat(saved.getValue().accepts(ManagementToken.parse(configured).orElseThrow()))
                .isTrue();
    }

    @Test
    void malformedConfiguredTokenStopsStartUpWithoutEchoingIt() {
        String malformed = "my-password-123";

        assertThatThrownBy(() -> bootstrap(malformed).run(new DefaultApplicationArguments()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ORION_BOOTSTRAP_ADMIN_TOKEN")
                .hasMessageNotContaining(malformed);
    }

    private PlatformBootstrap bootstrap(String adminToken) {
        return new PlatformBootstrap(
                accounts,
                credentials,
                jdbc,
                TransactionOperations.withoutTransaction(),
                new BootstrapProperties(adminToken),
                clock);
    }
}
