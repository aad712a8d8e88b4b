package io.dbaas.local;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression selects, as a dashboard or an alert writes it: what remains once strings,
 * label matchers, range and subquery brackets, grouping label lists, Grafana variables, numbers and durations are set
 * aside, less function and aggregation names (an identifier followed by a parenthesis) and keywords. No Java PromQL
 * parser is published; this reads only the subset the chart uses, and {@code PromqlMetricNamesTest} pins it.
 */
final class PromqlMetricNames {

    private static final Pattern GRAFANA_LABEL_VALUES =
            Pattern.compile("^\\s*label_values\\((.*),\\s*[a-zA-Z_][a-zA-Z0-9_]*\\s*\\)\\s*$", Pattern.DOTALL);
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern GRAFANA_VARIABLE = Pattern.compile("\\$\\{[^}]*}|\\$[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern BRACKETS = Pattern.compile("\\[[^]]*]");
    private static final Pattern LABEL_LIST =
            Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern TOKEN =
            Pattern.compile("(?<number>[0-9][0-9a-zA-Z_.]*|\\.[0-9][0-9a-zA-Z_.]*)|(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)");
    private static final Set<String> KEYWORDS = Set.of(
            "and",
            "or",
            "unless",
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "offset",
            "bool",
            "inf",
            "nan",
            "atan2",
            "start",
            "end");

    private PromqlMetricNames() {}

    static Set<String> of(String expression) {
        String text = expression;
        Matcher labelValues = GRAFANA_LABEL_VALUES.matcher(text);
        if (labelValues.matches()) {
            text = labelValues.group(1);
        }
        text = STRING.matcher(text).replaceAll(" ");
        text = GRAFANA_VARIABLE.matcher(text).replaceAll(" ");
        text = MATCHERS.matcher(text).replaceAll(" ");
        text = BRACKETS.matcher(text).replaceAll(" ");
        text = LABEL_LIST.matcher(text).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher tokens = TOKEN.matcher(text);
        while (tokens.find()) {
            String name = tokens.group("name");
            if (name == null
                    || KEYWORDS.contains(name.toLowerCase(Locale.ROOT))
                    || calledAsFunction(text, tokens.end())) {
                continue;
            }
            names.add(name);
        }
        return names;
    }

    private static boolean calledAsFunction(String text, int end) {
        int next = end;
        while (next < text.length() && Character.isWhitespace(text.charAt(next))) {
            next++;
        }
        return next < text.length() && text.charAt(next) == '(';
    }
}
