package org.agentaudit.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.agentaudit.report.StatusColors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The analysts' notebooks, headless, as CI runs them: {@code bin/agent-audit demo} in its own folder,
 * one more run that adds four broken records (so the quarantine has rows), then every notebook
 * executed by {@code jupyter nbconvert --to notebook --execute}. The executed copies and the charts
 * land in target/notebooks/. Checks: no cell failed, every chart decodes as a PNG of a sane size
 * with many colours and the exact colours of the statuses it shows, and the CSV table of notebook 1
 * is the demo's CSV report, byte for byte.
 *
 * <p>Needs Jupyter with the Debian packages of .ci/run. Without {@code jupyter nbconvert} the test
 * fails when {@code CI=true} and is skipped otherwise.
 */
class NotebooksIT {
    private static final Path HOME = Path.of("").toAbsolutePath();
    private static final String APT = "apt-get install -y --no-install-recommends jupyter-nbconvert python3-nbclient "
            + "python3-ipykernel python3-pandas python3-matplotlib python3-jpype";
    private static final List<String> NOTEBOOKS = List.of("01-agent-day.ipynb", "02-team-summary.ipynb", "03-data-quality.ipynb");

    @Test
    void everyNotebookRunsHeadlessOnTheDemoDataAndDrawsItsCharts() throws Exception {
        requireJupyter();
        Path work = HOME.resolve("target/notebooks-it");
        Path out = HOME.resolve("target/notebooks");
        clean(work);
        clean(out);
        Map<String, String> env = new HashMap<>();
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
        String launcher = HOME.resolve("bin/agent-audit").toString();
        String table = work.resolve("warehouse/agent_activity").toString();

        long t0 = System.nanoTime();
        run(work, env, "demo", 15, launcher, "demo");
        long t1 = System.nanoTime();
        run(work, env, "run-with-broken-records", 15, launcher, "run",
                "--input", HOME.resolve("src/test/resources/sample/agent-events-2025-06-18.jsonl").toString(),
                "--input", HOME.resolve("src/test/resources/analysts/broken-records.jsonl").toString(),
                "--from", "2025-06-18", "--to", "2025-06-19", "--table", table);
        long t2 = System.nanoTime();

        env.put("AGENT_AUDIT_TABLE", table);
        env.put("AGENT_AUDIT_NOTEBOOK_OUT", out.toString());
        List<String> nbconvert = new ArrayList<>(List.of("jupyter", "nbconvert", "--to", "notebook", "--execute",
                "--ExecutePreprocessor.timeout=1200", "--output-dir", out.toString()));
        NOTEBOOKS.forEach(n -> nbconvert.add(HOME.resolve("notebooks").resolve(n).toString()));
        run(HOME, env, "nbconvert", 40, nbconvert.toArray(String[]::new));
        long t3 = System.nanoTime();
        System.out.printf("NotebooksIT: demo %d s, second run %d s, three notebooks %d s%n",
                (t1 - t0) / 1_000_000_000L, (t2 - t1) / 1_000_000_000L, (t3 - t2) / 1_000_000_000L);

        for (String notebook : NOTEBOOKS) {
            executedWithoutErrors(out.resolve(notebook));
        }
        StatusColors colors = StatusColors.load();
        chart(out.resolve("maria.lopez_2025-06-18_America-New_York_timeline.png"),
                colors.of("Available"), colors.of("Offline"), colors.of("Lunch"), colors.of("Connected"));
        chart(out.resolve("team_status_time.png"),
                colors.of("Available"), colors.of("Offline"), colors.of("Lunch"), colors.of("Break"), colors.of("Connected"));
        chart(out.resolve("team_occupancy.png"), colors.of("Connected"));
        chart(out.resolve("data_quality.png"),
                new java.awt.Color(0x2e7d32), new java.awt.Color(0xc62828), // valid, quarantined (run 2 has four)
                new java.awt.Color(0x1f77b4)); // the first reason's bar (matplotlib tab10)

        String csv = "maria.lopez_2025-06-18_America-New_York.csv";
        Path demoReport;
        try (Stream<Path> reports = Files.walk(work.resolve("reports"))) {
            demoReport = reports.filter(p -> p.getFileName().toString().equals(csv)).findFirst().orElseThrow();
        }
        assertEquals(Files.readString(demoReport), Files.readString(out.resolve(csv)), "notebook 1's table is the demo's CSV report");
        assertEquals(Files.readString(HOME.resolve("src/test/resources/sample/expected").resolve(csv)), Files.readString(out.resolve(csv)));
    }

    private static void requireJupyter() {
        String missing = null;
        try {
            Process p = new ProcessBuilder("jupyter", "nbconvert", "--version").redirectErrorStream(true).start();
            String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                missing = "`jupyter nbconvert --version` failed: " + version;
            }
        } catch (IOException | InterruptedException e) {
            missing = "jupyter is not installed (" + e.getMessage() + ")";
        }
        if (missing != null) {
            String message = missing + ". The notebooks need: " + APT;
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true, so the notebooks must run: " + message);
            }
            Assumptions.abort("skipped outside CI: " + message);
        }
    }

    private static void run(Path dir, Map<String, String> env, String name, int minutes, String... command)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path log = HOME.resolve("target/notebooks-it-" + name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            fail(name + " did not finish in " + minutes + " minutes; see " + log);
        }
        if (process.exitValue() != 0) {
            List<String> lines = Files.readAllLines(log);
            fail(name + " exited " + process.exitValue() + "; the end of " + log + ":\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
        }
    }

    /** The executed copy: every code cell ran, none failed, and the charts are inline in it. */
    private static void executedWithoutErrors(Path notebook) throws IOException {
        assertTrue(Files.isRegularFile(notebook), "executed copy " + notebook);
        JsonNode book = new ObjectMapper().readTree(notebook.toFile());
        int images = 0;
        for (JsonNode cell : book.get("cells")) {
            if (!cell.get("cell_type").asText().equals("code")) {
                continue;
            }
            assertTrue(cell.get("execution_count").isInt(), notebook.getFileName() + ": a cell did not run");
            for (JsonNode output : cell.get("outputs")) {
                assertTrue(!output.get("output_type").asText().equals("error"), notebook.getFileName() + ": " + output);
                if (output.has("data") && output.get("data").has("image/png")) {
                    images++;
                }
            }
        }
        assertTrue(images >= 1, notebook.getFileName() + " shows its chart");
    }

    /** A real picture: a PNG that decodes, of a sane size, with many colours and the given ones exactly. */
    private static void chart(Path png, java.awt.Color... mustShow) throws IOException {
        assertTrue(Files.isRegularFile(png), "chart " + png);
        long size = Files.size(png);
        assertTrue(size > 10_000 && size < 5_000_000, png.getFileName() + ": " + size + " bytes");
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, png.getFileName() + " decodes as PNG");
        assertTrue(image.getWidth() >= 600 && image.getHeight() >= 250, png.getFileName() + ": " + image.getWidth() + "x" + image.getHeight());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colours.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        assertTrue(colours.size() > 30, png.getFileName() + ": only " + colours.size() + " colours");
        for (java.awt.Color c : mustShow) {
            assertTrue(colours.contains(c.getRGB() & 0xffffff), png.getFileName() + " shows " + String.format("#%06x", c.getRGB() & 0xffffff));
        }
    }

    private static void clean(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
        Files.createDirectories(dir);
    }
}
