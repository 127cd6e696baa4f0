#!/usr/bin/env bash
# Makes podman usable on a Debian-like machine without a container registry (deploy/images, make k8s-smoke):
# installs podman, buildah, runc, catatonit, mmdebstrap (as root, when missing) and sets the engine options that work
# here in /etc/containers/containers.conf — runc (crun fails on hybrid cgroups), cgroupfs, file events, and ulimits
# Quarkus and Kafka need. An existing containers.conf is left alone when it already has these settings.
set -euo pipefail

die() { echo "podman-setup: $*" >&2; exit 1; }

PACKAGES=(podman buildah runc catatonit mmdebstrap slirp4netns uidmap)
missing=()
for tool in podman buildah runc mmdebstrap; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if ((${#missing[@]})); then
  [[ $(id -u) == 0 ]] || die "missing ${missing[*]}: as root run apt-get install -y --no-install-recommends ${PACKAGES[*]}"
  echo "podman-setup: installing ${PACKAGES[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}" >/dev/null
fi

CONF=/etc/containers/containers.conf
if ! grep -qs '^runtime *= *"runc"' "$CONF"; then
  [[ $(id -u) == 0 ]] || die "$CONF does not select runc: run this script as root once"
  if [[ -s $CONF ]]; then
    die "$CONF exists without runtime = \"runc\": add to it [engine] runtime = \"runc\", cgroup_manager = \"cgroupfs\", events_logger = \"file\" and [containers] default_ulimits = [\"nofile=20000:20000\", \"nproc=32768:32768\"]"
  fi
  mkdir -p /etc/containers
  cat >"$CONF" <<'CONF'
# Written by deploy/images/podman-setup.sh (LRT yield aggregator): the settings podman 4.3 needs on this machine.
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
CONF
  echo "podman-setup: wrote $CONF"
fi
podman info --format '{{.Host.OCIRuntime.Name}} {{.Version.Version}}' >/dev/null 2>&1 || die "podman does not work: podman info failed"
