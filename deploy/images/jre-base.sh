#!/usr/bin/env bash
# The services' base image, built here from Debian packages (no registry): a Debian trixie root filesystem with the
# OpenJDK 21 headless JRE (mmdebstrap), imported into podman as localhost/lrt-yield/jre-base:21 and saved as the
# docker-archive Jib builds on (.local/images/jre-base.tar, quarkus.jib.base-jvm-image=tar://…).
# Pinned: the suite, the two packages' exact versions and the file timestamps (SOURCE_DATE_EPOCH). A pinned version
# that the mirror no longer serves fails the build with apt's message: update the pin below, then rebuild.
set -euo pipefail
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
OUT=${IMAGES_DIR:-$REPO_ROOT/.local/images}

SUITE=trixie
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
PACKAGES=(ca-certificates=20250419+deb13u1 openjdk-21-jre-headless=21.0.13+9-1~deb13u2)
JAVA_HOME_IN_IMAGE=/usr/lib/jvm/java-21-openjdk-amd64
IMAGE=localhost/lrt-yield/jre-base:21
export SOURCE_DATE_EPOCH=1764547200 # 2025-12-01T00:00:00Z

die() { echo "jre-base: $*" >&2; exit 1; }

mkdir -p "$OUT"
# the pin names everything that shapes the image (bump SLIM when the clean-up hook changes)
SLIM=2
pin="$SUITE ${PACKAGES[*]} $SOURCE_DATE_EPOCH slim$SLIM"
if [[ -s $OUT/jre-base.tar && $(cat "$OUT/jre-base.pin" 2>/dev/null) == "$pin" ]] && podman image exists "$IMAGE"; then
  echo "jre-base: $IMAGE is up to date ($pin)"
  exit 0
fi

started=$SECONDS
rootfs=$OUT/jre-base-rootfs.tar
include=$(IFS=,; echo "${PACKAGES[*]}")
# The JDK's postinst writes man page links: the apt variant has no /usr/share/man/man1.
mmdebstrap --quiet --variant=apt --include="$include" \
  --setup-hook='mkdir -p "$1"/usr/share/man/man1' \
  --customize-hook='rm -rf "$1"/var/cache/apt/archives/*.deb "$1"/var/lib/apt/lists/* "$1"/usr/share/doc/* "$1"/usr/share/man/* "$1"/usr/share/info/* "$1"/usr/share/locale/*' \
  "$SUITE" "$rootfs" "$MIRROR" || die "mmdebstrap failed (pins: ${PACKAGES[*]})"
podman rmi -f "$IMAGE" >/dev/null 2>&1 || true
podman import --quiet \
  --change "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
  --change "ENV JAVA_HOME=$JAVA_HOME_IN_IMAGE" \
  --change "ENV LANG=C.UTF-8" \
  --change "LABEL org.opencontainers.image.description=Debian-$SUITE-openjdk-21-jre-headless" \
  "$rootfs" "$IMAGE" >/dev/null || die "podman import failed"
rm -f "$OUT/jre-base.tar"
podman save --quiet --format docker-archive -o "$OUT/jre-base.tar" "$IMAGE" >/dev/null || die "podman save failed"
rm -f "$rootfs"
echo "$pin" >"$OUT/jre-base.pin"
echo "jre-base: $IMAGE built in $((SECONDS - started)) s ($(du -h "$OUT/jre-base.tar" | cut -f1) archive)"
