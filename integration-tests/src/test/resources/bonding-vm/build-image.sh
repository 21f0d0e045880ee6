#!/bin/sh
# build-image.sh CACHE_DIR: kernel and initramfs of the Linux bonding guest, made from Debian's
# own packages; prints the directory holding `kernel` and `initrd.gz` as its last line.
#
# One recipe for every user: the integration tests (BondingVmImage) and `bin/demo --server
# bond-vm` both call this script. The kernel is that of linux-image-amd64 (it need not match
# the host's: the guest runs under qemu); the initramfs holds busybox-static, e1000.ko, tls.ko,
# bonding.ko and ./init (beside this script). Images are kept in CACHE_DIR, keyed by kernel
# package and by this script and init, so later runs start at once; KERNEL_PACKAGE forces a
# kernel package (e.g. linux-image-6.1.0-56-amd64).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
init=$here/init
[ $# -eq 1 ] || { echo "usage: build-image.sh CACHE_DIR" >&2; exit 2; }
mkdir -p "$1"
cache=$(cd "$1" && pwd)
modules="e1000 tls bonding"   # bonding.ko links against tls.ko in Debian's 6.x kernels

# The versioned package linux-image-amd64 points to, e.g. linux-image-6.1.0-56-amd64.
package=${KERNEL_PACKAGE:-$(apt-cache depends linux-image-amd64 2>/dev/null \
  | sed -n 's/^ *Depends: \(linux-image-[^ ]*\)$/\1/p' | head -n 1)}
if [ -z "$package" ]; then
  echo "build-image: apt-cache knows no linux-image-amd64: run \`apt-get update\` (bin/setup does) so the guest kernel can be downloaded" >&2
  exit 1
fi
key=$(cat "$0" "$init" | sha256sum | cut -c 1-12)
dir=$cache/$package-$key
if [ -f "$dir/kernel" ] && [ -f "$dir/initrd.gz" ]; then
  echo "$dir"
  exit 0
fi

# A statically linked busybox: the initramfs has no C library.
if [ ! -f /bin/busybox ] || ldd /bin/busybox >/dev/null 2>&1; then
  echo "build-image: /bin/busybox is missing or dynamically linked: install busybox-static (bin/setup)" >&2
  exit 1
fi

started=$(date +%s)
deb=$(ls "$cache/${package}_"*.deb 2>/dev/null | head -n 1 || true)
if [ -z "$deb" ]; then
  # The _apt sandbox user cannot write into target/; root downloads it directly.
  (cd "$cache" && apt-get download -q -o APT::Sandbox::User=root "$package" >&2)
  deb=$(ls "$cache/${package}_"*.deb 2>/dev/null | head -n 1 || true)
  [ -n "$deb" ] || { echo "build-image: apt-get download $package left no .deb in $cache" >&2; exit 1; }
fi

staging=$(mktemp -d "$cache/staging-XXXXXX")
trap 'rm -rf "$staging"' EXIT
mkdir -p "$staging/deb"
dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$staging/deb" --wildcards \
  './boot/vmlinuz-*' './boot/config-*' '*/e1000.ko*' '*/net/tls/tls.ko*' '*/bonding/bonding.ko*'

root=$staging/root
mkdir -p "$root/bin" "$root/lib/modules" "$root/proc" "$root/sys" "$root/dev"
cp /bin/busybox "$root/bin/busybox"
ln -s busybox "$root/bin/sh"
cp "$init" "$root/init"
chmod 755 "$root/init"
# Newer Debian kernels ship modules compressed (.ko.xz, .ko.zst).
for m in $modules; do
  found=$(find "$staging/deb" -name "$m.ko" -o -name "$m.ko.xz" -o -name "$m.ko.zst" -o -name "$m.ko.gz" | head -n 1)
  [ -n "$found" ] || { echo "build-image: no $m.ko in $package" >&2; exit 1; }
  case $found in
    *.ko) cp "$found" "$root/lib/modules/$m.ko" ;;
    *.xz) xz -dc "$found" >"$root/lib/modules/$m.ko" ;;
    *.zst) zstd -dcq "$found" >"$root/lib/modules/$m.ko" ;;
    *.gz) gzip -dc "$found" >"$root/lib/modules/$m.ko" ;;
  esac
done
(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) >"$staging/initrd.gz"

# The kernel: the ELF vmlinux when it has a PVH entry point, which qemu boots directly and so
# skips the bzImage decompressor (about ten seconds of every boot under tcg); else the bzImage.
# The payload is found as the kernel's scripts/extract-vmlinux finds it: by its magic bytes,
# trying each place they occur, keeping the first that decompresses to an ELF file.
bzimage=$(ls "$staging"/deb/boot/vmlinuz-* | head -n 1)
is_elf() { [ "$(head -c 4 "$1" 2>/dev/null | od -An -tx1 | tr -d ' \n')" = 7f454c46 ]; }
extract_vmlinux() {  # MAGIC (tr octal) MARKER DECOMPRESSOR...
  magic=$1 marker=$2
  shift 2
  for pos in $(tr "$magic\n$marker" "\n$marker=" <"$bzimage" | grep -abo "^$marker" | cut -d: -f1); do
    tail -c "+$pos" "$bzimage" | "$@" >"$staging/vmlinux" 2>/dev/null || true
    if is_elf "$staging/vmlinux"; then return 0; fi
  done
  return 1
}
kernel=$bzimage
if grep -qx 'CONFIG_PVH=y' "$staging"/deb/boot/config-*; then
  if extract_vmlinux '\3757zXZ\000' abcde xz -dc --single-stream \
    || extract_vmlinux '(\265/\375' xxx zstd -dcq \
    || extract_vmlinux '\037\213\010' xy gzip -dcq; then
    kernel=$staging/vmlinux
  fi
fi

mkdir -p "$dir"
# Moves last, kernel after initrd: a build killed half-way is never taken as complete.
mv "$staging/initrd.gz" "$dir/initrd.gz"
mv "$kernel" "$dir/kernel"
# Images from other recipes or kernels are never used again: each is ~70 MB.
for old in "$cache"/linux-image-*; do
  if [ -d "$old" ] && [ "$old" != "$dir" ]; then rm -rf "$old"; fi
done
echo "build-image: built $dir in $(( $(date +%s) - started )) s" >&2
echo "$dir"
