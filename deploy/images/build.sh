#!/usr/bin/env bash
# `make images`: the JRE base from Debian packages (jre-base.sh), then every Quarkus service as a container image built
# by Jib on it (Maven profile `images`), loaded into the local podman as ghcr.io/lrt-yield/<service>:<tag>. One Maven
# reactor build, tests skipped (make test runs them). Prints each image's size and writes them to
# .local/images/images.txt.
set -euo pipefail
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE=$REPO_ROOT/deploy/images
OUT=$REPO_ROOT/.local/images
SERVICES=(price-service yield-service rebalancer-service devnet console)
TAG=${IMAGE_TAG:-0.1.0}

die() { echo "images: $*" >&2; exit 1; }

started=$SECONDS
"$HERE/podman-setup.sh"
"$HERE/jre-base.sh"
JAVA_HOME=${JAVA_HOME:-$("$REPO_ROOT/deploy/local/find-jdk.sh")}
export JAVA_HOME
cd "$REPO_ROOT"
modules=$(printf 'services/%s,' "${SERVICES[@]}")
declare -A BEFORE
for s in "${SERVICES[@]}"; do
  BEFORE[$s]=$(podman image inspect --format '{{.Id}}' "ghcr.io/lrt-yield/$s:$TAG" 2>/dev/null || true)
done
mvn_started=$SECONDS
# -am builds what the services need from this reactor (~/.m2 may be shared with other clones).
mvn -B -q ${MAVEN_ARGS:-} -Pimages -Dimage.tag="$TAG" -DskipTests -pl "${modules%,}" -am package ||
  die "the Maven build with -Pimages failed"
echo "images: Maven + Jib took $((SECONDS - mvn_started)) s"
: >"$OUT/images.txt"
for s in "${SERVICES[@]}"; do
  image=ghcr.io/lrt-yield/$s:$TAG
  podman image exists "$image" || die "$image is not in podman after the build"
  # the image this build replaced is left untagged: remove it unless a container still uses it
  if [[ -n ${BEFORE[$s]} && ${BEFORE[$s]} != "$(podman image inspect --format '{{.Id}}' "$image")" ]]; then
    podman rmi "${BEFORE[$s]}" >/dev/null 2>&1 || true
  fi
  size=$(podman image inspect --format '{{.Size}}' "$image")
  printf '%-45s %4d MB\n' "$image" $((size / 1000000)) | tee -a "$OUT/images.txt"
done
echo "images: done in $((SECONDS - started)) s"
