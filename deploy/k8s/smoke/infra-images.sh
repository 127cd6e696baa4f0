#!/usr/bin/env bash
# Stand-ins for the third-party images the devnet overlay names, built here for `make k8s-smoke` (no registry can be
# reached): Redis (Debian's redis-server, for docker.io/library/redis), anvil (the npm package's binary, for
# ghcr.io/foundry-rs/foundry) and a single-node KRaft Kafka from the Maven Central jars (for what the Strimzi operator
# would run). Used by the smoke run only; production pulls the real images and Strimzi runs Kafka. Pinned like the JRE
# base (suite, package versions, file times); each is rebuilt only when its pin changes.
set -euo pipefail
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
OUT=${IMAGES_DIR:-$REPO_ROOT/.local/images}
SUITE=trixie
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
REDIS_PACKAGES=(redis-server=5:8.0.2-3+deb13u3 redis-tools=5:8.0.2-3+deb13u3)
ANVIL_BIN=$REPO_ROOT/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil
KAFKA_POM=$REPO_ROOT/deploy/local/kafka/pom.xml
export SOURCE_DATE_EPOCH=1764547200

REDIS_IMAGE=localhost/lrt-smoke/redis:8.0.2
ANVIL_IMAGE=localhost/lrt-smoke/anvil:1.7.1
KAFKA_IMAGE=localhost/lrt-smoke/kafka:4.1.2

die() { echo "infra-images: $*" >&2; exit 1; }
fresh() { # fresh IMAGE PIN: whether IMAGE exists and was built from PIN
  podman image exists "$1" && [[ $(podman image inspect --format '{{index .Labels "lrt.smoke.pin"}}' "$1") == "$2" ]]
}

mkdir -p "$OUT"

pin="$SUITE ${REDIS_PACKAGES[*]} $SOURCE_DATE_EPOCH"
if ! fresh "$REDIS_IMAGE" "$pin"; then
  rootfs=$OUT/redis-rootfs.tar
  # /data and the anvil home exist in the image, owned by their users: podman copies them into a new volume.
  mmdebstrap --quiet --variant=apt --include="$(IFS=,; echo "${REDIS_PACKAGES[*]}")" \
    --customize-hook='mkdir -p "$1"/data "$1"/home/foundry && chown 999:999 "$1"/data && chown 1000:1000 "$1"/home/foundry' \
    --customize-hook='rm -rf "$1"/var/cache/apt/archives/*.deb "$1"/var/lib/apt/lists/*' \
    "$SUITE" "$rootfs" "$MIRROR" || die "mmdebstrap of redis-server failed"
  podman import --quiet --change "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    --change "LABEL lrt.smoke.pin=$pin" "$rootfs" "$REDIS_IMAGE" >/dev/null || die "podman import failed"
  rm -f "$rootfs"
  echo "infra-images: built $REDIS_IMAGE"
fi

[[ -x $ANVIL_BIN ]] || die "$ANVIL_BIN is missing: run npm ci (make deps)"
pin="$(sha256sum <"$ANVIL_BIN" | cut -c1-16) on $REDIS_IMAGE"
if ! fresh "$ANVIL_IMAGE" "$pin"; then
  ctr=$(buildah from --quiet "$REDIS_IMAGE")
  buildah copy --chmod 0755 "$ctr" "$ANVIL_BIN" /usr/local/bin/anvil >/dev/null
  buildah config --user 1000 --env HOME=/home/foundry --entrypoint '[]' --cmd anvil --label "lrt.smoke.pin=$pin" "$ctr"
  buildah commit --quiet "$ctr" "$ANVIL_IMAGE" >/dev/null
  buildah rm "$ctr" >/dev/null
  echo "infra-images: built $ANVIL_IMAGE"
fi

base_id=$(podman image inspect --format '{{.Id}}' localhost/lrt-yield/jre-base:21 2>/dev/null) ||
  die "localhost/lrt-yield/jre-base:21 is missing: run make images first"
pin="$(cat "$KAFKA_POM" "$(dirname "${BASH_SOURCE[0]}")/kafka-start.sh" | sha256sum | cut -c1-16) on jre-base ${base_id:0:12}"
if ! fresh "$KAFKA_IMAGE" "$pin"; then
  old=$(podman image inspect --format '{{.Id}}' "$KAFKA_IMAGE" 2>/dev/null || true)
  libs=$OUT/kafka-libs
  rm -rf "$libs"
  mvn -B -q -f "$KAFKA_POM" dependency:copy-dependencies -DoutputDirectory="$libs" || die "maven could not fetch the Kafka jars"
  ctr=$(buildah from --quiet localhost/lrt-yield/jre-base:21)
  buildah copy "$ctr" "$libs" /opt/kafka/libs >/dev/null
  buildah copy "$ctr" "$REPO_ROOT/deploy/local/kafka/log4j2.properties" /opt/kafka/log4j2.properties >/dev/null
  buildah copy "$ctr" "$REPO_ROOT/deploy/local/kafka/log4j2-tools.properties" /opt/kafka/log4j2-tools.properties >/dev/null
  buildah copy --chmod 0755 "$ctr" "$(dirname "${BASH_SOURCE[0]}")/kafka-start.sh" /opt/kafka/start.sh >/dev/null
  buildah run "$ctr" -- sh -c 'mkdir -p /var/lib/kafka && chown 1001:1001 /var/lib/kafka' >/dev/null
  buildah config --user 1001 --entrypoint '[]' --cmd /opt/kafka/start.sh --label "lrt.smoke.pin=$pin" "$ctr"
  buildah commit --quiet "$ctr" "$KAFKA_IMAGE" >/dev/null
  buildah rm "$ctr" >/dev/null
  rm -rf "$libs"
  [[ -z $old ]] || podman rmi "$old" >/dev/null 2>&1 || true
  echo "infra-images: built $KAFKA_IMAGE"
fi
