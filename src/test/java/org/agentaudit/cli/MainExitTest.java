package org.agentaudit.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * In YARN cluster mode the driver's main must return on success: the ApplicationMaster reports a
 * System.exit(0) before main returns as a failed application. (Were main to exit here, this test
 * JVM would end and the build would fail loudly.)
 */
class MainExitTest {
    @Test
    void successReturnsFromMainInsideAYarnApplicationMaster() {
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setProperty("spark.yarn.app.id", "application_0000000000000_0001");
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            AgentAudit.main(new String[] {"--version"});
        } finally {
            System.setOut(out);
            System.clearProperty("spark.yarn.app.id");
        }
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("agent-audit"), printed.toString(StandardCharsets.UTF_8));
    }
}
