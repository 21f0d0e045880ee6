package io.twinlink.agent.cli;

/** How {@code decode} prints one {@link Dissection}: one line, without the newline. */
interface DissectionFormat {

    String format(Dissection d);
}
