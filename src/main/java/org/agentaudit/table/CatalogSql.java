package org.agentaudit.table;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.agentaudit.config.ConfigFiles;

/**
 * The analysts' views and functions, kept as data in {@code conf/sql/*.sql} and run in file-name
 * order when the tables are named ({@link Catalog#register}). The notebooks' session helper reads
 * the same files. Rules of the files:
 * <ul>
 *   <li>a statement ends with a {@code ;} at the end of a line;</li>
 *   <li>whole-line {@code --} comments are dropped before splitting;</li>
 *   <li>a comment line {@code -- requires: name, name} names the tables a file needs; the file is
 *       skipped when one of them is not there (e.g. no quarantine table yet).</li>
 * </ul>
 */
public final class CatalogSql {
    public static final String FOLDER = "sql";
    private static final Pattern REQUIRES = Pattern.compile("(?im)^\\s*--\\s*requires:\\s*(.+)$");
    private static final Pattern END_OF_STATEMENT = Pattern.compile(";[ \\t]*(\\r?\\n|$)");

    /** One file: its name, the tables it needs and its statements. */
    public record File(String name, List<String> requires, List<String> statements) {}

    private CatalogSql() {}

    /** The files of {@code conf/sql/} in name order: the checkout's folder if it has one, else the jar's. */
    public static List<File> load() {
        List<File> files = new ArrayList<>();
        for (String name : names()) {
            try {
                Optional<InputStream> in = ConfigFiles.open(FOLDER + "/" + name);
                if (in.isEmpty()) {
                    continue;
                }
                try (InputStream stream = in.get()) {
                    files.add(parse(name, new String(stream.readAllBytes(), StandardCharsets.UTF_8)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("conf/sql/" + name + ": " + e.getMessage(), e);
            }
        }
        return files;
    }

    public static File parse(String name, String text) {
        List<String> requires = new ArrayList<>();
        Matcher m = REQUIRES.matcher(text);
        while (m.find()) {
            for (String table : m.group(1).split(",")) {
                if (!table.isBlank()) {
                    requires.add(table.trim());
                }
            }
        }
        String code = String.join("\n", text.lines().filter(l -> !l.strip().startsWith("--")).toList());
        List<String> statements = new ArrayList<>();
        for (String statement : END_OF_STATEMENT.split(code + "\n")) {
            if (!statement.isBlank()) {
                statements.add(statement.strip());
            }
        }
        return new File(name, List.copyOf(requires), List.copyOf(statements));
    }

    /** The {@code *.sql} names of conf/sql in the checkout (when the launcher names one), else in the jar or classes folder. */
    static List<String> names() {
        Optional<Path> home = ConfigFiles.home().map(h -> h.resolve("conf").resolve(FOLDER)).filter(Files::isDirectory);
        if (home.isPresent()) {
            return listFolder(home.get());
        }
        URL url = CatalogSql.class.getClassLoader().getResource("conf/" + FOLDER + "/");
        if (url == null) {
            return List.of();
        }
        try {
            if (url.getProtocol().equals("file")) {
                return listFolder(Path.of(url.toURI()));
            }
            if (url.getProtocol().equals("jar")) {
                TreeSet<String> names = new TreeSet<>();
                JarURLConnection connection = (JarURLConnection) url.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    String prefix = "conf/" + FOLDER + "/";
                    for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                        String entry = entries.nextElement().getName();
                        if (entry.startsWith(prefix) && entry.endsWith(".sql") && entry.indexOf('/', prefix.length()) < 0) {
                            names.add(entry.substring(prefix.length()));
                        }
                    }
                }
                return List.copyOf(names);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return List.of();
    }

    private static List<String> listFolder(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
