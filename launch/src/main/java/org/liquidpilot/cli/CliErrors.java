package org.liquidpilot.cli;

import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * Turns failures into the project's exit codes with a one-line reason: 2 for bad usage or bad input, 1 for a job
 * that failed. Stack traces are for {@code LP_DEBUG=1} only.
 */
final class CliErrors implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        boolean badInput = ex instanceof BadInputException || ex instanceof IllegalArgumentException
                || ex instanceof java.io.FileNotFoundException || ex instanceof java.nio.file.NoSuchFileException;
        String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        if (ex instanceof java.nio.file.NoSuchFileException) message = "no such file: " + message;
        err.println(cl.getCommandName() + ": " + message.lines().findFirst().orElse(message));
        if (System.getenv("LP_DEBUG") != null) ex.printStackTrace(err);
        err.flush();
        return badInput ? 2 : 1;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println(cl.getCommandName() + ": " + ex.getMessage());
        err.println("try: " + cl.getCommandSpec().qualifiedName() + " --help");
        err.flush();
        return 2;
    }
}
