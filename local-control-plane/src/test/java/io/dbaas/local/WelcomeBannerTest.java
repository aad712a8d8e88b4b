package io.dbaas.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The banner of {@code ./run-local} and the README's walkthrough, which tells newcomers to copy its token line. */
class WelcomeBannerTest {

    private static final String TOKEN = "dbm_00000000000000000000000000000000_banner-test-token";

    @Test
    void theBannerExportsTheOperatorsTokenAsOperatorAndUsesIt() {
        String banner = banner();

        assertThat(banner)
                .contains("export OPERATOR=" + TOKEN)
                .contains("Bearer $OPERATOR")
                .doesNotContain("export TOKEN=", "$TOKEN");
    }

    /** Whatever the README shows as the banner's line is what the banner prints, and what the walkthrough then uses. */
    @Test
    void theReadmeShowsTheBannersLineAndItsWalkthroughUsesThatVariable() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String bannerLine = banner().lines()
                .filter(line -> line.contains("export "))
                .findFirst()
                .orElseThrow()
                .replace(TOKEN, "");

        assertThat(readme).contains(bannerLine);
        assertThat(readme).contains("-H \"Authorization: Bearer $OPERATOR\"");
    }

    private static String banner() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        LocalControlPlane.printWelcome(new PrintStream(printed, true, StandardCharsets.UTF_8), TOKEN, false);
        return printed.toString(StandardCharsets.UTF_8);
    }
}
