package org.agentaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.agentaudit.testing.Launcher;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad arguments: one clear line on stderr, exit 2, no stack trace — through the real launcher. */
class BadArgumentsIT {
    @TempDir
    static Path work;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown option      | run --input x --from 2025-06-18 --to 2025-06-18 --colour red | --colour",
        "from after to       | run --input x --from 2025-06-19 --to 2025-06-18              | after",
        "bad date            | run --input x --from 2025-13-45 --to 2025-06-18              | 2025-13-45",
        "unknown zone        | report --agent a --date 2025-06-18 --timezone Mars/Olympus   | Mars/Olympus",
        "offset as zone      | report --agent a --date 2025-06-18 --timezone +05:30         | offset",
        "reports without zone| run --input x --from 2025-06-18 --to 2025-06-18 --reports r  | --report-timezone",
        "unknown labels      | report --agent a --date 2025-06-18 --timezone UTC --labels x | label set",
        "missing input       | run --input does/not/exist --from 2025-06-18 --to 2025-06-18 | does/not/exist",
        "no command          | ''                                                           | command",
    })
    void exitTwoWithOneLine(String name, String args, String mentioned) {
        Launcher.Result result = Launcher.run(work, args.isEmpty() ? new String[0] : args.split(" "));
        assertEquals(2, result.exitCode(), name + ": " + result.err());
        List<String> lines = result.errLines();
        assertEquals(1, lines.size(), name + " printed: " + result.err());
        assertTrue(lines.get(0).startsWith("agent-audit: "), lines.get(0));
        assertTrue(lines.get(0).contains(mentioned), lines.get(0));
        assertFalse(result.err().contains("\tat "), "no stack trace");
    }
}
