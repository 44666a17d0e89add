package org.agentaudit.cli;

import java.io.PrintWriter;
import org.agentaudit.config.BadArgument;
import org.agentaudit.job.AuditJob;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bin/agent-audit}: the command line of outputs-and-cli.md. Exit codes: 0 success, 1 a run
 * that failed, 2 a bad argument — always one line on stderr, never a stack trace (set
 * {@code AGENT_AUDIT_DEBUG=1} to see one).
 */
@Command(name = "agent-audit",
        mixinStandardHelpOptions = true,
        version = "agent-audit 0.1.0",
        description = "Rebuilds Amazon Connect's agent activity audit from the agent event stream.",
        subcommands = {DemoCommand.class, RunCommand.class, BackfillCommand.class, ReportCommand.class, SqlCommand.class, GenerateCommand.class,
            CommandLine.HelpCommand.class})
public final class AgentAudit implements Runnable {
    public static final int BAD_ARGUMENT = 2;
    public static final int RUN_FAILED = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: demo, run, report, sql or generate (see --help)");
    }

    public static void main(String[] args) {
        int code = execute(args);
        // In YARN cluster mode (EMR steps too) the driver runs inside the ApplicationMaster, which
        // reports any System.exit before main returns, 0 included, as a failed application
        // (EXIT_EARLY). There, success returns from main; a failure still exits with its code.
        if (code == 0 && System.getProperty("spark.yarn.app.id") != null) {
            return;
        }
        System.exit(code);
    }

    /** Runs one command line and returns its exit code (the tests call this in-process). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new AgentAudit());
        cli.setParameterExceptionHandler((e, ignored) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("agent-audit: " + firstLine(e.getMessage()));
            err.flush();
            return BAD_ARGUMENT;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (System.getenv("AGENT_AUDIT_DEBUG") != null) {
                e.printStackTrace();
            }
            PrintWriter err = commandLine.getErr();
            if (e instanceof BadArgument) {
                err.println("agent-audit: " + firstLine(e.getMessage()));
                err.flush();
                return BAD_ARGUMENT;
            }
            err.println("agent-audit: failed: " + firstLine(FailureMessage.storage(e).orElseGet(() -> failure(e))));
            err.flush();
            return RUN_FAILED;
        });
        return cli.execute(args);
    }

    /** What a failed run says: the job's own explanation when it gave one, else the root cause's message. */
    private static String failure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AuditJob.RunFailed) {
                return t.getMessage();
            }
        }
        return rootMessage(e);
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        String message = e.getMessage();
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
            if (cause.getMessage() != null) {
                message = cause.getMessage();
            }
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).trim();
    }
}
