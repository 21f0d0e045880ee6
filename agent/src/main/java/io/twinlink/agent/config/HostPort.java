package io.twinlink.agent.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * A TCP endpoint written {@code host:port}, {@code [v6-address]:port}; the host is an IP
 * literal or a DNS name. Parsing never resolves a name: checking a config must not depend on
 * DNS being up.
 */
public record HostPort(String host, int port) {

    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern HOSTNAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    public HostPort {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("host is required");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
    }

    /** Parses {@code host:port}; the port must be 1..65535. */
    public static HostPort parse(String text) {
        String s = text.trim();
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            throw new IllegalArgumentException("must be host:port, got \"" + text + "\"");
        }
        String host = s.substring(0, colon);
        String portText = s.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
            parseIpv6(host, text);
        } else if (host.indexOf(':') >= 0) {
            throw new IllegalArgumentException("an IPv6 address needs brackets: [" + host + "]:" + portText);
        } else if (!IPV4.matcher(host).matches()) {
            if (host.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
                throw new IllegalArgumentException("\"" + host + "\" is not an IPv4 address");
            }
            if (!HOSTNAME.matcher(host).matches()) {
                throw new IllegalArgumentException("\"" + host + "\" is neither an IP address nor a host name");
            }
        }
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port must be 1..65535, got \"" + portText + "\"");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, got " + port);
        }
        return new HostPort(host, port);
    }

    /** An IPv4 or IPv6 address written as a literal; never a name (no DNS). */
    public static InetAddress parseAddress(String text) {
        String s = text.trim();
        if (IPV4.matcher(s).matches()) {
            try {
                return InetAddress.getByName(s); // a literal: no lookup
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an IP address: \"" + text + "\"");
            }
        }
        if (s.indexOf(':') >= 0) {
            return parseIpv6(s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s, text);
        }
        throw new IllegalArgumentException("not an IP address: \"" + text + "\"");
    }

    private static InetAddress parseIpv6(String literal, String original) {
        try {
            // Brackets make the JDK parse a literal and refuse anything else without a lookup.
            return InetAddress.getByName("[" + literal + "]");
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv6 address: \"" + original + "\"");
        }
    }

    /** Resolves the host now (names may need DNS). */
    public InetSocketAddress toSocketAddress() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
