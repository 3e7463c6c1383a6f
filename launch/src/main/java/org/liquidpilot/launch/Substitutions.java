package org.liquidpilot.launch;

/**
 * roslaunch's {@code $(...)} substitutions: arg, env, optenv, find, anon, dirname, and eval over a small
 * Python-like expression language. One left-to-right pass, like roslaunch: substitutions do not nest (except in
 * eval, which calls them as functions).
 */
final class Substitutions {
    /** Caps the work one attribute can cause. */
    static final int MAX_LENGTH = 1 << 16;

    private Substitutions() {}

    static String resolve(String raw, SubstitutionContext ctx) {
        if (raw == null) return null;
        if (raw.length() > MAX_LENGTH) throw new IllegalArgumentException("attribute longer than " + MAX_LENGTH + " characters");
        String trimmed = raw.strip();
        if (trimmed.startsWith("$(eval ") && trimmed.endsWith(")")) {
            return EvalExpression.evaluate(trimmed.substring(7, trimmed.length() - 1), ctx);
        }
        StringBuilder out = new StringBuilder(raw.length());
        int i = 0;
        while (i < raw.length()) {
            int start = raw.indexOf("$(", i);
            if (start < 0) {
                out.append(raw, i, raw.length());
                break;
            }
            out.append(raw, i, start);
            int end = raw.indexOf(')', start);
            if (end < 0) throw new IllegalArgumentException("unterminated substitution in '" + raw + "'");
            out.append(one(raw.substring(start + 2, end).strip(), ctx));
            i = end + 1;
        }
        return out.toString();
    }

    private static String one(String body, SubstitutionContext ctx) {
        String[] words = body.split("\\s+");
        String command = words[0];
        switch (command) {
            case "arg":
                need(words, 2, body);
                return ctx.arg(words[1]);
            case "env": {
                need(words, 2, body);
                String value = ctx.env(words[1]);
                if (value == null) throw new IllegalArgumentException("environment variable '" + words[1] + "' is not set");
                return value;
            }
            case "optenv": {
                if (words.length < 2) throw new IllegalArgumentException("$(" + body + ") needs a variable name");
                String value = ctx.env(words[1]);
                if (value != null) return value;
                // The default is everything after the name, spaces included, as roslaunch does.
                String rest = body.substring(body.indexOf(words[1]) + words[1].length()).strip();
                return rest;
            }
            case "find":
                need(words, 2, body);
                return ctx.findPackage(words[1]).toString();
            case "anon":
                need(words, 2, body);
                return ctx.anon(words[1]);
            case "dirname":
                need(words, 1, body);
                return ctx.currentFile().toAbsolutePath().getParent().toString();
            case "eval":
                throw new IllegalArgumentException("$(eval ...) must be the whole attribute value");
            default:
                throw new IllegalArgumentException("unknown substitution $(" + body + ")");
        }
    }

    private static void need(String[] words, int count, String body) {
        if (words.length != count) {
            throw new IllegalArgumentException("$(" + body + ") takes " + (count - 1) + " argument" + (count == 2 ? "" : "s"));
        }
    }
}
