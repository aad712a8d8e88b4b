package io.dbaas.helm.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shell commands of one section of docs/operations/helm.md, as a reader copies them: the lines of its bash blocks,
 * continuation lines joined, comments dropped.
 */
public final class InstallGuide {

    private static final Pattern BASH_BLOCK = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern FROM_LITERAL = Pattern.compile("--from-literal=([^=\\s]+)=");

    private final List<String> commands;

    private InstallGuide(List<String> commands) {
        this.commands = List.copyOf(commands);
    }

    /** The commands between the heading {@code ## <from>} and the next second-level heading. */
    public static InstallGuide section(String from) {
        String text;
        try {
            text = Files.readString(HelmChart.INSTALL_GUIDE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int start = text.indexOf("\n## " + from + "\n");
        if (start < 0) {
            throw new AssertionError("no section '" + from + "' in " + HelmChart.INSTALL_GUIDE);
        }
        int end = text.indexOf("\n## ", start + 1);
        String section = text.substring(start, end < 0 ? text.length() : end);
        List<String> commands = new ArrayList<>();
        Matcher blocks = BASH_BLOCK.matcher(section);
        while (blocks.find()) {
            String joined = blocks.group(1).replace("\\\n", " ");
            for (String line : joined.split("\n")) {
                String command = line.replaceFirst("(^|\\s+)#.*$", "").strip().replaceAll("\\s+", " ");
                if (!command.isEmpty()) {
                    commands.add(command);
                }
            }
        }
        return new InstallGuide(commands);
    }

    public List<String> commands() {
        return commands;
    }

    /** The one command starting with {@code prefix}, as words. */
    public List<String> command(String prefix) {
        List<String> found =
                commands.stream().filter(command -> command.startsWith(prefix)).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one command starting with '" + prefix + "', found " + found);
        }
        return Arrays.asList(found.getFirst().split(" "));
    }

    public List<List<String>> commandsStartingWith(String prefix) {
        return commands.stream()
                .filter(command -> command.startsWith(prefix))
                .map(command -> Arrays.asList(command.split(" ")))
                .toList();
    }

    /** The value after an option such as {@code -n} or {@code -f} in a command's words. */
    public static Optional<String> option(List<String> words, String option) {
        int at = words.indexOf(option);
        return at < 0 || at + 1 >= words.size() ? Optional.empty() : Optional.of(words.get(at + 1));
    }

    /** Every {@code --set key=value} of a command's words. */
    public static Map<String, String> sets(List<String> words) {
        Map<String, String> sets = new LinkedHashMap<>();
        for (int i = 0; i + 1 < words.size(); i++) {
            if (words.get(i).equals("--set")) {
                String[] pair = words.get(i + 1).split("=", 2);
                sets.put(pair[0], pair[1]);
            }
        }
        return sets;
    }

    /** The Secrets the section creates ({@code kubectl ... create secret generic <name> --from-literal=<key>=...}). */
    public Map<String, List<String>> secretsCreated() {
        Map<String, List<String>> secrets = new LinkedHashMap<>();
        for (String command : commands) {
            int at = command.indexOf("create secret generic ");
            if (command.startsWith("kubectl") && at >= 0) {
                String name = command.substring(at + "create secret generic ".length())
                        .split(" ")[0];
                List<String> keys = new ArrayList<>();
                FROM_LITERAL.matcher(command).results().forEach(match -> keys.add(match.group(1)));
                secrets.put(name, keys);
            }
        }
        return secrets;
    }
}
