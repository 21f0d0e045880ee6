package io.twinlink.agent.config;

/** Root log level of the daemon; {@code debug} shows every state machine transition. */
public enum LogLevel {
    ERROR,
    WARN,
    INFO,
    DEBUG,
    TRACE
}
