package org.liquidpilot.launch;

import java.nio.file.Path;

/** What {@code $(...)} substitutions look up while one attribute is evaluated. */
interface SubstitutionContext {
    /** The value of an arg, or an error naming the arg when it is not declared or has no value. */
    String arg(String name);

    /** An environment variable as the launch sees it (launch env first, then the process), or null. */
    String env(String name);

    Path findPackage(String pkg);

    String anon(String name);

    Path currentFile();
}
