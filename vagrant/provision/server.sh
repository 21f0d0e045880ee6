#!/usr/bin/env bash
# vagrant/provision/server.sh MAC=NAME...: the dual-homed server of the Vagrant lab, run as
# root in the VM with the repository at /vagrant: Linux bonding 802.3ad (fast) over to-sw1
# and to-sw2. Ends with the lab's check: both slaves in one aggregator whose partner is the
# switches' shared MAC, or `vagrant up` fails.
set -euo pipefail
repo=/vagrant
lab=$repo/vagrant/provision/lab.sh
# shellcheck source=lab.sh
. "$lab"

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -q --no-install-recommends iproute2 tcpdump

lab_vm_nics "$@"

install -D -m 0755 "$lab" /usr/local/lib/twinlink-lab/lab.sh
echo bonding >/etc/modules-load.d/bonding.conf
cat >/etc/systemd/system/twinlink-lab-bond.service <<UNIT
[Unit]
Description=twinlink lab: bond0 (802.3ad) over to-sw1 and to-sw2
After=systemd-udev-settle.service systemd-modules-load.service

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=/usr/local/lib/twinlink-lab/lab.sh server-bond $LAB_SRV_ADDR/24

[Install]
WantedBy=multi-user.target
UNIT
systemctl daemon-reload
systemctl enable --now twinlink-lab-bond.service

# The switches may still be starting (libvirt brings VMs up in parallel): up to 3 minutes.
deadline=$((SECONDS + 180))
until lab_check_bond /proc/net/bonding/bond0 2 >/dev/null || ((SECONDS >= deadline)); do
  sleep 2
done
cat /proc/net/bonding/bond0
lab_check_bond /proc/net/bonding/bond0 2
ping -c 3 -W 2 "$LAB_LAN_PREFIX.1" && ping -c 3 -W 2 "$LAB_LAN_PREFIX.2"
