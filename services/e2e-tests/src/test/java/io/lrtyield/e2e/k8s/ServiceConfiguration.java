package io.lrtyield.e2e.k8s;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What one Quarkus service of this repository reads from its environment, taken from its sources: the keys of its
 * application.properties over the shared META-INF/microprofile-config.properties of services/common (the
 * {@code %prod.} profile counts, {@code %dev.}/{@code %test.} do not), the keys of every {@code @ConfigMapping}
 * interface in its module and in common, and the {@code ${ENV:default}} references in the values.
 *
 * <p>An environment variable is read when it is referenced in a value, or when it is the MicroProfile Config name of a
 * key (dots and dashes to underscores, upper case: {@code rebalancer.execution.keystore-file} →
 * {@code REBALANCER_EXECUTION_KEYSTORE_FILE}); a key under a {@code Map} accepts any suffix. A setting is required
 * when a mapping method is neither {@code Optional}, a group, a map, nor {@code @WithDefault}, and no properties file
 * gives it a value without an environment variable.
 */
final class ServiceConfiguration {

    /** Read by Quarkus itself. */
    private static final Set<String> QUARKUS_ENV = Set.of("QUARKUS_PROFILE");
    private static final Pattern ENV_REF = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:|})");
    private static final Pattern MAPPING = Pattern.compile("@ConfigMapping\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"\\s*\\)");
    private static final Pattern METHOD = Pattern.compile(
            "((?:@\\w+(?:\\([^)]*\\))?\\s*)*)([\\w.]+(?:<[^;{}()]*>)?)\\s+(\\w+)\\s*\\(\\s*\\)\\s*;");
    private static final Pattern NESTED = Pattern.compile("\\binterface\\s+(\\w+)\\s*\\{");

    /** One key the service reads. */
    record Setting(String key, boolean required, List<String> envRefs, String source) {
    }

    final String service;
    final Map<String, Setting> settings = new LinkedHashMap<>();
    /** Keys under a Map-typed mapping method: any suffix is read. */
    final Set<String> mapPrefixes = new TreeSet<>();
    /** Keys whose value names another environment variable to read ({@code *-env} settings), with that default. */
    final Map<String, String> indirectEnv = new LinkedHashMap<>();
    private final Map<String, String> values = new LinkedHashMap<>();

    private ServiceConfiguration(String service) {
        this.service = service;
    }

    static ServiceConfiguration of(Path repo, String service) throws IOException {
        ServiceConfiguration c = new ServiceConfiguration(service);
        Path common = repo.resolve("services/common/src/main");
        Path own = repo.resolve("services").resolve(service).resolve("src/main");
        c.loadProperties(common.resolve("resources/META-INF/microprofile-config.properties"));
        c.loadProperties(own.resolve("resources/application.properties"));
        for (Path sources : List.of(common.resolve("java"), own.resolve("java"))) {
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String text = Files.readString(file);
                    if (text.contains("@ConfigMapping")) {
                        c.loadMapping(stripComments(text), repo.relativize(file).toString());
                    }
                }
            }
        }
        for (Map.Entry<String, String> e : c.values.entrySet()) {
            c.settings.merge(e.getKey(), new Setting(e.getKey(), false, envRefs(e.getValue()), "application.properties"),
                    (mapped, props) -> new Setting(mapped.key(), mapped.required() && !resolvesWithoutEnv(e.getValue()),
                            props.envRefs(), mapped.source()));
        }
        return c;
    }

    /** Every environment variable name this service reads. */
    Set<String> environment() {
        Set<String> env = new TreeSet<>(QUARKUS_ENV);
        for (Setting s : settings.values()) {
            env.add(envName(s.key()));
            env.addAll(s.envRefs());
        }
        env.addAll(indirectEnv.values());
        return env;
    }

    boolean reads(String env) {
        if (environment().contains(env)) {
            return true;
        }
        return mapPrefixes.stream().anyMatch(prefix -> env.startsWith(envName(prefix) + "_"));
    }

    /** The environment variables that can give a required setting its value (its own name and the referenced ones). */
    Map<String, List<String>> required() {
        Map<String, List<String>> required = new LinkedHashMap<>();
        for (Setting s : settings.values()) {
            if (s.required()) {
                List<String> names = new ArrayList<>(s.envRefs());
                names.add(envName(s.key()));
                required.put(s.key(), names);
            }
        }
        return required;
    }

    /** The key's value in the properties files, or null. */
    String value(String key) {
        return values.get(key);
    }

    static String envName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
    }

    private void loadProperties(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return;
        }
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(file)));
        Map<String, String> prod = new LinkedHashMap<>();
        for (String raw : p.stringPropertyNames()) {
            if (raw.startsWith("%prod.")) {
                prod.put(raw.substring("%prod.".length()), p.getProperty(raw));
            } else if (!raw.startsWith("%")) {
                values.put(raw, p.getProperty(raw)); // the service's file, loaded last, wins over common's
            }
        }
        values.putAll(prod); // the containers run the prod profile (QUARKUS_PROFILE=prod)
    }

    private void loadMapping(String text, String source) {
        Matcher m = MAPPING.matcher(text);
        while (m.find()) {
            int open = text.indexOf('{', m.end());
            String body = text.substring(open + 1, closing(text, open));
            readInterface(body, m.group(1), source);
        }
    }

    /** The methods of one interface body; nested interfaces are groups when a method returns them. */
    private void readInterface(String body, String prefix, String source) {
        Map<String, String> nested = new LinkedHashMap<>();
        StringBuilder own = new StringBuilder();
        int from = 0;
        Matcher n = NESTED.matcher(body);
        while (n.find(from)) {
            int open = body.indexOf('{', n.start());
            int close = closing(body, open);
            own.append(body, from, n.start());
            nested.put(n.group(1), body.substring(open + 1, close));
            from = close + 1;
        }
        own.append(body.substring(from));
        Matcher method = METHOD.matcher(own);
        while (method.find()) {
            String annotations = method.group(1);
            String type = method.group(2);
            String name = withName(annotations, method.group(3));
            String key = prefix + "." + name;
            String simpleType = type.replaceAll("<.*", "").replaceAll(".*\\.", "");
            if (nested.containsKey(simpleType)) {
                readInterface(nested.get(simpleType), key, source);
            } else if (simpleType.equals("Map")) {
                mapPrefixes.add(key);
            } else {
                boolean optional = simpleType.startsWith("Optional");
                Matcher def = Pattern.compile("@WithDefault\\(\"([^\"]*)\"\\)").matcher(annotations);
                boolean hasDefault = def.find();
                if (name.endsWith("-env") && hasDefault) {
                    indirectEnv.put(key, def.group(1));
                }
                settings.put(key, new Setting(key, !optional && !hasDefault, List.of(), source));
            }
        }
    }

    private static String withName(String annotations, String method) {
        Matcher named = Pattern.compile("@WithName\\(\"([^\"]+)\"\\)").matcher(annotations);
        return named.find() ? named.group(1) : method.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static List<String> envRefs(String value) {
        List<String> refs = new ArrayList<>();
        Matcher m = ENV_REF.matcher(value);
        while (m.find()) {
            if (m.group(1).equals(m.group(1).toUpperCase(java.util.Locale.ROOT))) {
                refs.add(m.group(1));
            }
        }
        return refs;
    }

    private static int closing(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '{') {
                depth++;
            } else if (ch == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalStateException("unbalanced braces");
    }

    private static String stripComments(String java) {
        return java.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("(?m)//.*$", "");
    }

    /** Whether the value resolves to something non-empty with none of its environment variables set. */
    static boolean resolvesWithoutEnv(String value) {
        String v = value;
        Pattern innermost = Pattern.compile("\\$\\{([^${}:]*)(?::([^${}]*))?}");
        for (Matcher m = innermost.matcher(v); m.find(); m = innermost.matcher(v)) {
            String replacement = m.group(2) != null ? m.group(2)
                    : m.group(1).equals(m.group(1).toUpperCase(java.util.Locale.ROOT)) ? "\u0000" : "system-property";
            v = v.substring(0, m.start()) + replacement + v.substring(m.end());
        }
        return !v.isBlank() && !v.contains("\u0000");
    }
}
