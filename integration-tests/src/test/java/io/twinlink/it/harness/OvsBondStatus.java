package io.twinlink.it.harness;

import java.util.ArrayList;
import java.util.List;

/** One bond as `ovs-appctl bond/show BOND` reports it: which members carry traffic. */
public record OvsBondStatus(String bond, String mode, String lacpStatus, List<Member> members) {

    public OvsBondStatus {
        members = List.copyOf(members);
    }

    /** {@code enabled}: OVS may send and receive on it; {@code active}: the member active-backup uses. */
    public record Member(String name, boolean enabled, boolean active, boolean mayEnable) {
    }

    public List<String> enabledMembers() {
        return members.stream().filter(Member::enabled).map(Member::name).toList();
    }

    public boolean negotiated() {
        return lacpStatus.equals("negotiated");
    }

    public static OvsBondStatus parse(String text) {
        String name = null;
        String mode = "";
        String lacp = "";
        List<Member> members = new ArrayList<>();
        String member = null;
        boolean enabled = false;
        boolean active = false;
        boolean mayEnable = false;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("----")) {
                name = line.replace("-", " ").strip();
            } else if (line.startsWith("member ") && line.contains(":")) {
                if (member != null) {
                    members.add(new Member(member, enabled, active, mayEnable));
                }
                member = line.substring("member ".length(), line.indexOf(':')).strip();
                enabled = line.substring(line.indexOf(':') + 1).strip().equals("enabled");
                active = false;
                mayEnable = false;
            } else if (member != null && line.equals("active member")) {
                active = true;
            } else if (member != null && line.startsWith("may_enable:")) {
                mayEnable = line.endsWith("true");
            } else if (line.startsWith("bond_mode:")) {
                mode = line.substring("bond_mode:".length()).strip();
            } else if (line.startsWith("lacp_status:")) {
                lacp = line.substring("lacp_status:".length()).strip();
            }
        }
        if (member != null) {
            members.add(new Member(member, enabled, active, mayEnable));
        }
        if (name == null) {
            throw new IllegalArgumentException("not bond/show output: " + text);
        }
        return new OvsBondStatus(name, mode, lacp, members);
    }
}
