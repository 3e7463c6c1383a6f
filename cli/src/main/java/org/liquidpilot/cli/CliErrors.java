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
        String message = ex.getMessage();
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !cl.getSubcommands().isEmpty()
                && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
            String typed = u.getUnmatched().get(0);
            message = "unknown command '" + typed + "'";
            java.util.List<String> near = nearest(typed, cl.getSubcommands().keySet());
            if (!near.isEmpty()) message += "; did you mean " + String.join(" or ", near) + "?";
        }
        err.println(cl.getCommandName() + ": " + message);
        err.println("try: " + cl.getCommandSpec().qualifiedName() + " --help");
        err.flush();
        return 2;
    }

    /** The commands within edit distance 2 of what was typed (or starting with it), closest first, at most three. */
    static java.util.List<String> nearest(String typed, java.util.Collection<String> names) {
        record Scored(String name, int distance) {}
        return names.stream()
                .map(n -> new Scored(n, n.startsWith(typed) && !typed.isEmpty() ? 1 : distance(typed, n)))
                .filter(s -> s.distance <= 2)
                .sorted(java.util.Comparator.comparingInt(Scored::distance).thenComparing(Scored::name))
                .limit(3).map(Scored::name).toList();
    }

    /** Levenshtein distance, with a swap of neighbours counted as one edit (so "deom" is one from "demo"). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
