#!/usr/bin/env bash
# vagrant/provision/lab.sh: the twinlink MC-LAG lab, once for both ways of building it.
#
# The same steps set up the Vagrant VMs (vagrant/provision/*.sh, on real NICs renamed by MAC)
# and the network-namespace lab of `bin/demo` (on veths created with these names), so what
# the demo shows is what the VMs run:
#
#   sw1, sw2  twinlink MC-LAG pair; Linux bridge br0 = the server bundle's aggregate (+ to-up);
#             peer-link (TCP control) on its own link, keepalive on the separate backup link
#   srv       dual-homed server: one link to each switch (to-sw1, to-sw2) in one LACP bond
#   up        (netns lab only) an upstream host on both switches, through a bridge whose two
#             ports are isolated: it never forwards from one switch to the other (no loop)
#
# Sourced for its functions and names, or run as `lab.sh COMMAND ARGS` (see the end).
set -euo pipefail

LAB_SHARED_MAC=02:00:00:00:00:aa   # the virtual LACP system both switches advertise
LAB_DOMAIN_ID=1
LAB_PEER_PORT=9888
LAB_DELAY_RESTORE=3                # seconds a (re)joining switch keeps its half down once paired
LAB_SERVER_KEY=10                  # lacp key and mlag-id of the bundle towards srv
LAB_LAN_PREFIX=10.99.0             # the server LAN: srv .10, up .100, sw1 .1, sw2 .2
LAB_SRV_ADDR=$LAB_LAN_PREFIX.10
LAB_UP_ADDR=$LAB_LAN_PREFIX.100

# Per switch: number (1|2), peer-link address on br0, backup-link address, MC-LAG priority.
lab_switch_index() {
  case "$1" in sw1) echo 1 ;; sw2) echo 2 ;; *) echo "lab: no switch \"$1\" (sw1 or sw2)" >&2; return 2 ;; esac
}
lab_peer_addr() { echo "169.254.1.$(lab_switch_index "$1")"; }
lab_backup_addr() { echo "192.0.2.$(lab_switch_index "$1")"; }
lab_other_switch() { if [[ $1 == sw1 ]]; then echo sw2; else echo sw1; fi; }
lab_mlag_priority() { echo $(( $(lab_switch_index "$1") * 100 )); }

# The switch's bundles as "aggregate key member" lines.
lab_bundles() {  # NODE
  echo "bond0 $LAB_SERVER_KEY to-srv"
}

# The twinlink configuration of one switch, exactly in the form of DESIGN.md "Configuration".
# Only paths and the data plane differ between the VMs and the netns lab. A relative
# SECRET_FILE is relative to the config's directory; an empty CAPTURE writes none.
lab_switch_config() {  # NODE DATAPLANE SOCKET SECRET_FILE CAPTURE
  local node=$1 dataplane=$2 socket=$3 secret=$4 capture=$5 other agg key member
  other=$(lab_other_switch "$node")
  cat <<EOF
# twinlink on $node, one half of the MC-LAG pair of the twinlink lab.
# Written by vagrant/provision/lab.sh (\`lab.sh switch-config\`): change the lab there.
control:
  socket: $socket
lacp:
EOF
  while read -r agg key member; do
    cat <<EOF
  - name: $agg
    key: $key
    mode: active
    rate: fast
    members: [$member]
    mlag-id: $key
EOF
  done < <(lab_bundles "$node")
  cat <<EOF
mlag:
  domain-id: $LAB_DOMAIN_ID
  system-mac: $LAB_SHARED_MAC
  local: $(lab_peer_addr "$node"):$LAB_PEER_PORT
  peer: $(lab_peer_addr "$other"):$LAB_PEER_PORT
  secret-file: $secret
  backup: $(lab_backup_addr "$other")
  priority: $(lab_mlag_priority "$node")
  # How long a switch that (re)joins keeps its half down once paired (default 30 s, for a
  # switch whose routes and MAC tables must settle first); a lab has nothing to settle.
  delay-restore: $LAB_DELAY_RESTORE
dataplane: $dataplane
EOF
  if [[ -n $capture ]]; then echo "capture: $capture"; fi
}

# A fresh random peer-link secret (HMAC-SHA256 key: 32 random octets, base64), mode 0600.
lab_new_secret() {  # FILE
  (umask 077 && head -c 32 /dev/urandom | base64 > "$1")
}

# Bridge, peer-link and backup link of a switch. Expects the interfaces to-srv, peerlink and
# backup (and to-up in the netns lab) to exist; twinlink creates the aggregate later
# (lab_attach_aggregates). The peer-link carries the pair's TCP session only: it is not in the
# bridge, so no frame can loop through it.
lab_switch_network() {  # NODE
  local node=$1 n
  n=$(lab_switch_index "$node")
  ip link set lo up
  if ! ip link show br0 >/dev/null 2>&1; then
    # stp_state 0: the MC-LAG pair is one loop-free hop; spanning tree is `bin/demo stp`'s subject
    ip link add br0 type bridge stp_state 0
  fi
  if [[ -e /sys/class/net/to-up ]]; then
    ip link set to-up master br0
    ip link set to-up up
  fi
  ip link set br0 up
  ip addr replace "$LAB_LAN_PREFIX.$n/24" dev br0
  ip addr replace "$(lab_peer_addr "$node")/30" dev peerlink
  ip link set peerlink up
  ip addr replace "$(lab_backup_addr "$node")/30" dev backup
  ip link set backup up
}

# Puts the aggregates twinlink created into br0, waiting up to TIMEOUT seconds for each: the
# agent creates them at start (and anew after a restart), the bridge is the operator's.
lab_attach_aggregates() {  # NODE TIMEOUT
  local node=$1 timeout=${2:-30} agg key member waited
  while read -r agg key member; do
    waited=0
    until ip link show "$agg" >/dev/null 2>&1; do
      if (( waited >= timeout * 10 )); then
        echo "lab: $node: aggregate $agg did not appear within ${timeout}s (is twinlink running?)" >&2
        return 1
      fi
      sleep 0.1
      waited=$((waited + 1))
    done
    ip link set "$agg" master br0
    ip link set "$agg" up
  done < <(lab_bundles "$node")
}

# The server's Linux bond (802.3ad, fast rate) over one link to each switch.
lab_server_bond() {  # CIDR
  local cidr=$1 nic
  ip link set lo up
  if ! ip link show bond0 >/dev/null 2>&1; then
    modprobe bonding max_bonds=0 2>/dev/null || true
    ip link add bond0 type bond mode 802.3ad lacp_rate fast miimon 100 xmit_hash_policy layer3+4
  fi
  for nic in to-sw1 to-sw2; do
    if [[ $(cat "/sys/class/net/$nic/master/ifindex" 2>/dev/null) != "$(cat /sys/class/net/bond0/ifindex)" ]]; then
      ip link set "$nic" down
      ip link set "$nic" master bond0
    fi
  done
  ip link set bond0 up
  ip addr replace "$cidr" dev bond0
}

# Reads a /proc/net/bonding/BOND report (file, or - for stdin) and succeeds when every slave is
# in the one active aggregator and that aggregator's partner is the shared MAC (or PARTNER):
# the server sees the two switches as one LACP system. Prints one line saying what it found.
lab_check_bond() {  # FILE [EXPECTED_SLAVES] [PARTNER]
  local file=$1 slaves=${2:-2} partner=${3:-$LAB_SHARED_MAC}
  awk -v want="${partner,,}" -v slaves="$slaves" '
    /^Active Aggregator Info:/ { section = "active"; next }
    /^Slave Interface:/ { section = "slave"; n++; name[n] = $3; next }
    /^details actor lacp pdu:/ || /^details partner lacp pdu:/ { section = "details"; next }
    /Aggregator ID:/ {
      if (section == "active") active = $3
      else if (section == "slave") agg[n] = $3
      next
    }
    /Partner Mac Address:/ && section == "active" { partner = tolower($4); next }
    END {
      together = 0
      for (i = 1; i <= n; i++) if (agg[i] == active) together++
      printf "bond: %d slave(s), %d in active aggregator %s, partner %s (want %d with partner %s)\n",
             n, together, (active == "" ? "none" : active), (partner == "" ? "none" : partner), slaves, want
      exit !(n == slaves && together == slaves && partner == want)
    }' "$file"
}

# Renames the NIC that has MAC to NAME (the VMs' NICs get fixed MACs from the Vagrantfile, so
# the configs can name them the same on VirtualBox, libvirt and in the netns lab).
lab_rename_nic() {  # MAC NAME
  local mac=${1,,} name=$2 dev
  [[ -e /sys/class/net/$name ]] && return 0
  for dev in /sys/class/net/*; do
    if [[ $(cat "$dev/address") == "$mac" ]]; then
      ip link set "${dev##*/}" down
      ip link set "${dev##*/}" name "$name"
      return 0
    fi
  done
  echo "lab: no NIC with MAC $mac (for $name)" >&2
  return 1
}

# The VM's lab NICs by MAC=NAME: renamed now, and by udev at every boot (.link files).
lab_vm_nics() {  # MAC=NAME...
  local pair mac name
  mkdir -p /etc/systemd/network
  for pair in "$@"; do
    mac=${pair%%=*}
    name=${pair#*=}
    printf '[Match]\nMACAddress=%s\n\n[Link]\nName=%s\n' "$mac" "$name" >"/etc/systemd/network/10-twinlink-lab-$name.link"
    lab_rename_nic "$mac" "$name"
    ip link set "$name" up
  done
}

# `lab.sh COMMAND ARGS`: the functions above as commands (the VMs' systemd units and bin/demo
# inside a namespace call them this way).
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  command=${1:-}
  shift || true
  case "$command" in
    switch-config) lab_switch_config "$@" ;;
    switch-network) lab_switch_network "$@" ;;
    attach-aggregates) lab_attach_aggregates "$@" ;;
    server-bond) lab_server_bond "$@" ;;
    check-bond) lab_check_bond "$@" ;;
    rename-nic) lab_rename_nic "$@" ;;
    vm-nics) lab_vm_nics "$@" ;;
    new-secret) lab_new_secret "$@" ;;
    vagrant-configs)
      # the committed VM configs (vagrant/config/sw*.yaml): regenerate after changing the lab
      dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/../config" && pwd)
      for node in sw1 sw2; do
        # peer.key beside the config (/etc/twinlink/peer.key on the VMs); no capture file:
        # `tcpdump -i to-srv ether proto 0x8809` on a VM shows the same frames
        lab_switch_config "$node" linux-bond /run/twinlink/twinlink.sock peer.key "" > "$dir/$node.yaml"
      done ;;
    *)
      echo "usage: lab.sh switch-config|switch-network|attach-aggregates|server-bond|check-bond|rename-nic|vm-nics|new-secret|vagrant-configs ARGS" >&2
      exit 2 ;;
  esac
fi
