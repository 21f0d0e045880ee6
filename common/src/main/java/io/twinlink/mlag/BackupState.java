package io.twinlink.mlag;

/** The backup keepalive path as {@code show mlag} reports it: {@code alive|dead|off}. */
public enum BackupState {
    ALIVE("alive"), DEAD("dead"), OFF("off");

    public final String showName;

    BackupState(String showName) {
        this.showName = showName;
    }
}
