package org.agentaudit.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules of conf/sql files (CatalogSql), and the files the project ships. */
class CatalogSqlTest {

    @Test
    void statementsEndWithASemicolonAtTheEndOfALineAndCommentLinesAreDropped() {
        CatalogSql.File file = CatalogSql.parse("x.sql", String.join("\n",
                "-- a comment; with a semicolon at the end;",
                "-- requires: agent_activity, agent_activity_runs",
                "CREATE OR REPLACE TEMPORARY VIEW a AS",
                "SELECT ';' AS s, 1 AS n; -- not the end: text follows",
                "  ;",
                "",
                "CREATE OR REPLACE TEMPORARY VIEW b AS SELECT 2 AS n;   ",
                "SELECT 3"));
        assertEquals(List.of("agent_activity", "agent_activity_runs"), file.requires());
        assertEquals(List.of(
                "CREATE OR REPLACE TEMPORARY VIEW a AS\nSELECT ';' AS s, 1 AS n; -- not the end: text follows",
                "CREATE OR REPLACE TEMPORARY VIEW b AS SELECT 2 AS n",
                "SELECT 3"), file.statements());
    }

    @Test
    void theShippedFilesLoadInNameOrderAndOnlyCreateTemporaryThings() {
        List<CatalogSql.File> files = CatalogSql.load();
        assertEquals(List.of("10-local-time.sql", "20-runs.sql", "30-agent-days.sql", "40-quality.sql"),
                files.stream().map(CatalogSql.File::name).toList());
        for (CatalogSql.File file : files) {
            assertTrue(!file.statements().isEmpty(), file.name());
            for (String statement : file.statements()) {
                // nothing persistent: the files run on every start, in any catalog
                assertTrue(statement.startsWith("CREATE OR REPLACE TEMPORARY VIEW ")
                        || statement.startsWith("CREATE OR REPLACE TEMPORARY FUNCTION "), file.name() + ": " + statement);
            }
        }
        assertEquals(List.of(), files.get(0).requires());
        assertEquals(List.of("agent_activity_runs"), files.get(1).requires());
        assertEquals(List.of("agent_activity"), files.get(2).requires());
        assertEquals(List.of("agent_activity_quarantine", "agent_activity_runs"), files.get(3).requires());
    }
}
