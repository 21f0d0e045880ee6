#!/usr/bin/env bash
# packaging/install.sh: install twinlink from a built tree in the Debian layout.
#
#   /usr/share/twinlink/twinlink.jar        the fat jar (agent/target/twinlink.jar)
#   /usr/bin/twinlink                       wrapper: java -jar the jar
#   /etc/twinlink/twinlink.yaml             example configuration, only when there is none
#   /usr/lib/systemd/system/twinlink.service
#   /usr/share/man/man1/twinlink*.1.gz      generated from the CLI at build time (picocli)
#   /usr/share/bash-completion/completions/twinlink
#   /usr/share/doc/twinlink/                README and docs/
#
# DESTDIR=/tmp/root packaging/install.sh installs under /tmp/root (for packaging and tests);
# without DESTDIR it also reloads systemd. Build first: mvn -B -DskipTests package -pl agent -am
# (the man pages need asciidoctor: bin/setup installs it). Running it again updates everything
# but an existing /etc/twinlink/twinlink.yaml.
set -euo pipefail

root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
destdir=${DESTDIR:-}
target=$root/agent/target

missing=()
[[ -f $target/twinlink.jar ]] || missing+=("$target/twinlink.jar")
compgen -G "$target/man/man1/twinlink*.1" >/dev/null || missing+=("$target/man/man1/twinlink*.1 (asciidoctor: bin/setup)")
[[ -f $target/twinlink-completion.bash ]] || missing+=("$target/twinlink-completion.bash")
if (( ${#missing[@]} )); then
  echo "install.sh: build first (mvn -B -DskipTests package -pl agent -am); missing: ${missing[*]}" >&2
  exit 1
fi

install -d "$destdir/usr/share/twinlink" "$destdir/usr/bin" "$destdir/etc/twinlink" \
  "$destdir/usr/lib/systemd/system" "$destdir/usr/share/man/man1" \
  "$destdir/usr/share/bash-completion/completions" "$destdir/usr/share/doc/twinlink"
chmod 0755 "$destdir/etc/twinlink"

install -m 0644 "$target/twinlink.jar" "$destdir/usr/share/twinlink/twinlink.jar"
cat >"$destdir/usr/bin/twinlink.new" <<'WRAPPER'
#!/bin/sh
# twinlink: the LACP/RSTP/MC-LAG agent and its CLI (installed by packaging/install.sh)
exec java ${TWINLINK_JAVA_OPTS:-} -jar "${TWINLINK_JAR:-/usr/share/twinlink/twinlink.jar}" "$@"
WRAPPER
chmod 0755 "$destdir/usr/bin/twinlink.new"
mv "$destdir/usr/bin/twinlink.new" "$destdir/usr/bin/twinlink"

if [[ ! -e $destdir/etc/twinlink/twinlink.yaml ]]; then
  install -m 0644 "$root/packaging/etc/twinlink.yaml" "$destdir/etc/twinlink/twinlink.yaml"
else
  echo "install.sh: keeping the existing $destdir/etc/twinlink/twinlink.yaml"
fi
install -m 0644 "$root/packaging/systemd/twinlink.service" "$destdir/usr/lib/systemd/system/twinlink.service"

for page in "$target"/man/man1/twinlink*.1; do
  gzip -9 -n -c "$page" >"$destdir/usr/share/man/man1/$(basename "$page").gz"
done
install -m 0644 "$target/twinlink-completion.bash" "$destdir/usr/share/bash-completion/completions/twinlink"
install -m 0644 "$root/README.md" "$destdir/usr/share/doc/twinlink/README.md"
for doc in "$root"/docs/*.md; do
  install -m 0644 "$doc" "$destdir/usr/share/doc/twinlink/$(basename "$doc")"
done

if [[ -z $destdir ]] && [[ -d /run/systemd/system ]]; then
  systemctl daemon-reload
fi
echo "install.sh: twinlink installed${destdir:+ under $destdir}"
if [[ -z $destdir ]]; then
  echo "next: edit /etc/twinlink/twinlink.yaml, twinlink check --config /etc/twinlink/twinlink.yaml, systemctl enable --now twinlink"
fi
