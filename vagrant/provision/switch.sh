#!/usr/bin/env bash
# vagrant/provision/switch.sh NODE MAC=NAME...: one twinlink switch of the Vagrant lab (sw1 or
# sw2), run as root in the VM with the repository at /vagrant. The network steps are those of
# bin/demo's namespace lab (lab.sh); only the installation around them is the VM's own.
set -euo pipefail
node=$1
shift
repo=/vagrant
lab=$repo/vagrant/provision/lab.sh
# shellcheck source=lab.sh
. "$lab"
lab_switch_index "$node" >/dev/null

# Java 17 and libpcap: what the agent needs at run time (tc/nft for its data planes).
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -q --no-install-recommends openjdk-17-jre-headless libpcap0.8 iproute2 nftables tcpdump

# NICs named as in the configs, now and at every boot.
lab_vm_nics "$@"

# The package layout: jar, wrapper, unit, man pages, bash completion.
"$repo/packaging/install.sh"
install -m 0644 "$repo/vagrant/config/$node.yaml" /etc/twinlink/twinlink.yaml
install -m 0600 "$repo/vagrant/config/peer.key" /etc/twinlink/peer.key

# The lab's network at every boot, before twinlink; the aggregates into the bridge after
# every start of the agent (it creates them anew).
install -D -m 0755 "$lab" /usr/local/lib/twinlink-lab/lab.sh
cat >/etc/systemd/system/twinlink-lab-network.service <<UNIT
[Unit]
Description=twinlink lab: bridge br0, peer-link and backup link of $node
After=systemd-udev-settle.service
Before=twinlink.service

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=/usr/local/lib/twinlink-lab/lab.sh switch-network $node

[Install]
WantedBy=multi-user.target
UNIT
mkdir -p /etc/systemd/system/twinlink.service.d
cat >/etc/systemd/system/twinlink.service.d/lab.conf <<UNIT
[Unit]
Requires=twinlink-lab-network.service
After=twinlink-lab-network.service

[Service]
ExecStartPost=/usr/local/lib/twinlink-lab/lab.sh attach-aggregates $node 30
UNIT

twinlink check --config /etc/twinlink/twinlink.yaml
systemctl daemon-reload
systemctl enable --now twinlink-lab-network.service
systemctl enable twinlink.service
systemctl restart twinlink.service
systemctl --no-pager --lines=5 status twinlink.service
