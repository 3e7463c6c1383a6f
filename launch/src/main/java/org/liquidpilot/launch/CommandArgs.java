package org.liquidpilot.launch;

import java.util.ArrayList;
import java.util.List;

/** Splits a node's {@code args} attribute the way a POSIX shell would (quotes and backslashes, nothing else). */
final class CommandArgs {
    private CommandArgs() {}

    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        if (line == null) return out;
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
                else if (c == '\\' && quote == '"' && i + 1 < line.length()) cur.append(line.charAt(++i));
                else cur.append(c);
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                cur.append(line.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) out.add(cur.toString());
                cur.setLength(0);
                inWord = false;
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (quote != 0) throw new IllegalArgumentException("unterminated quote in args '" + line + "'");
        if (inWord) out.add(cur.toString());
        return out;
    }
}
