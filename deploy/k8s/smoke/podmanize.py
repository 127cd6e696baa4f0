#!/usr/bin/env python3
"""Turns the rendered devnet overlay into what `podman kube play` (podman 4.3) can run, for `make k8s-smoke` only.

The production manifests stay as they are; each podman 4.3 gap is worked around here:
  * no Services, no cluster DNS (and the CNI network here resolves no names): each workload becomes a bare Pod named
    after the Service that selects it, one Pod per replica (<name>, <name>-2, ...), at a fixed address of the smoke
    network, with hostAliases naming every other pod;
  * readiness/startup probes ignored, and an httpGet liveness probe would run curl inside images that have none: probes
    are dropped, run.sh polls /q/health/ready through host ports instead (hostPort on 127.0.0.1, 29xxx);
  * Secret objects: stringData ignored, data not base64-decoded, secretKeyRef env broken, a Secret volume without
    `optional` panics: Secret volumes become hostPath mounts of files run.sh wrote, secretKeyRef env becomes a value
    read from those files (the YAML is written 0600 and deleted on exit);
  * ConfigMap volumes are written readable by root only (a non-root container cannot read redis.conf or the
    catalogue): they become hostPath mounts of 0644 files;
  * fieldRef metadata.namespace refused: replaced by the namespace's name;
  * no StatefulSet: Redis becomes a Pod on a PersistentVolumeClaim (a podman volume);
  * no operators: the Strimzi Kafka/KafkaNodePool become one KRaft Kafka pod (lrt-kafka-kafka-bootstrap), the
    KafkaTopics a list run.sh creates; NetworkPolicy, PodDisruptionBudget, ServiceMonitor, PodMonitor, PrometheusRule
    and Namespace have no podman meaning and are left out (listed on stderr);
  * third-party images that cannot be pulled here are replaced by the local stand-ins of infra-images.sh.

usage: podmanize.py RENDERED.yaml SECRETS_DIR OUT_DIR PREFIX
writes OUT_DIR/{infra,devnet,services}.yaml (mode 0600), OUT_DIR/{infra,devnet,services}.ips (each pod's address, in
order, for `kube play --ip`) and OUT_DIR/topics.txt ("name partitions retention.ms").
"""
import copy
import os
import sys

import yaml

IMAGE_STANDINS = {
    "docker.io/library/redis": "localhost/lrt-smoke/redis:8.0.2",
    "ghcr.io/foundry-rs/foundry": "localhost/lrt-smoke/anvil:1.7.1",
}
KAFKA_IMAGE = "localhost/lrt-smoke/kafka:4.1.2"
SUBNET_PREFIX = "10.89.77"  # run.sh creates the podman network 10.89.77.0/24
HOST_PORT_BASE = 29000  # container port 8081 -> 29081, 8545 -> 29545; replica n adds 100 * (n - 1)
INFRA = {"anvil", "redis"}
# Smoke-only settings, container -> NAME=VALUE (run.sh sets SMOKE_EXTRA_ENV="container:NAME=VALUE ...").
EXTRA_ENV = {}
for item in os.environ.get("SMOKE_EXTRA_ENV", "").split():
    target, _, setting = item.partition(":")
    EXTRA_ENV.setdefault(target, []).append(setting)
DEVNET = {"devnet"}
NO_PODMAN_MEANING = {"Namespace", "NetworkPolicy", "PodDisruptionBudget", "ServiceMonitor", "PodMonitor",
                     "PrometheusRule", "Service", "KafkaNodePool"}


def host_port(container_port, replica):
    return HOST_PORT_BASE + container_port % 1000 + 100 * (replica - 1)


def selects(selector, labels):
    return bool(selector) and all(labels.get(k) == v for k, v in selector.items())


def secret_value(secrets_dir, name, key):
    path = os.path.join(secrets_dir, name, key)
    if not os.path.isfile(path):
        sys.exit(f"podmanize: Secret {name} key {key} is not in {secrets_dir}/{name}/ (run.sh writes it)")
    with open(path) as f:
        return f.read().strip()


def write_config_map(config_map, files_dir):
    """The ConfigMap's keys as world-readable files: podman's own ConfigMap volumes are unreadable to a non-root user."""
    directory = os.path.join(files_dir, config_map["metadata"]["name"])
    os.makedirs(directory, mode=0o755, exist_ok=True)
    for key, value in config_map.get("data", {}).items():
        path = os.path.join(directory, key)
        with open(path, "w") as f:
            f.write(value)
        os.chmod(path, 0o644)
    return directory


def pod_spec(template, secrets_dir, namespace, prefix, replica, notes, claims, config_maps):
    spec = copy.deepcopy(template["spec"])
    spec.pop("topologySpreadConstraints", None)
    for volume in spec.get("volumes", []):
        if "configMap" in volume:
            name = volume.pop("configMap")["name"]
            config_map = next((c for c in config_maps if c["metadata"]["name"] == name), None)
            if config_map is None:
                sys.exit(f"podmanize: ConfigMap {name} is not rendered")
            volume["hostPath"] = {"path": write_config_map(config_map, os.path.normpath(os.path.join(secrets_dir, "..", "configmaps"))),
                                  "type": "Directory"}
            notes.add("ConfigMap volume -> hostPath of 0644 files")
        if "secret" in volume:
            secret = volume.pop("secret")
            volume["hostPath"] = {"path": os.path.join(secrets_dir, secret["secretName"]), "type": "Directory"}
            notes.add(f"Secret volume {secret['secretName']} -> hostPath")
    for container in spec["containers"]:
        for probe in ("readinessProbe", "livenessProbe", "startupProbe"):
            if container.pop(probe, None) is not None:
                notes.add(f"{probe} dropped (polled by run.sh)")
        image = container["image"]
        for original, standin in IMAGE_STANDINS.items():
            if image.startswith(original + ":"):
                container["image"] = standin
                notes.add(f"{image} -> {standin}")
        for env in container.get("env", []):
            source = env.pop("valueFrom", None)
            if source is None:
                continue
            if "secretKeyRef" in source:
                ref = source["secretKeyRef"]
                env["value"] = secret_value(secrets_dir, ref["name"], ref["key"])
                notes.add(f"secretKeyRef {ref['name']}/{ref['key']} -> value")
            elif source.get("fieldRef", {}).get("fieldPath") == "metadata.namespace":
                env["value"] = namespace
                notes.add("fieldRef metadata.namespace -> value")
            else:
                sys.exit(f"podmanize: env {env['name']}: unsupported valueFrom {source}")
        for extra in EXTRA_ENV.get(container["name"], []):
            name, _, value = extra.partition("=")
            container.setdefault("env", []).append({"name": name, "value": value})
            notes.add(f"smoke-only setting for {container['name']}: {extra}")
        for port in container.get("ports", []):
            port["hostPort"] = host_port(port["containerPort"], replica)
            port["hostIP"] = "127.0.0.1"
    for claim in claims:
        spec.setdefault("volumes", []).append(
            {"name": claim, "persistentVolumeClaim": {"claimName": f"{prefix}-{claim}"}})
    return spec


def main():
    rendered, secrets_dir, out_dir, prefix = sys.argv[1:5]
    with open(rendered) as f:
        docs = [d for d in yaml.safe_load_all(f) if d]
    namespace = next((d["metadata"]["name"] for d in docs if d["kind"] == "Namespace"), "default")
    services = [d for d in docs if d["kind"] == "Service"]
    config_maps = [d for d in docs if d["kind"] == "ConfigMap" and not d["metadata"]["name"].startswith("lrt-grafana")]
    for cm in config_maps:
        cm["metadata"].pop("namespace", None)
    groups = {"infra": [], "devnet": [], "services": []}
    notes = set()
    topics = []
    for doc in docs:
        kind = doc["kind"]
        if kind in NO_PODMAN_MEANING:
            notes.add(f"{kind} left out")
        elif kind == "KafkaTopic":
            topics.append((doc["spec"].get("topicName", doc["metadata"]["name"]), doc["spec"]["partitions"],
                           doc["spec"].get("config", {}).get("retention.ms", -1)))
        elif kind == "Kafka":
            name = doc["metadata"]["name"]
            notes.add(f"Strimzi Kafka {name} -> one KRaft pod {name}-kafka-bootstrap")
            groups["infra"].append({"apiVersion": "v1", "kind": "Pod",
                                    "metadata": {"name": f"{name}-kafka-bootstrap", "labels": {"app.kubernetes.io/name": "kafka"}},
                                    "spec": {"containers": [{
                                        "name": "kafka", "image": KAFKA_IMAGE,
                                        "env": [{"name": "KAFKA_ADVERTISED_HOST", "value": f"{name}-kafka-bootstrap"}],
                                        "resources": {"limits": {"memory": "1Gi"}},
                                        "securityContext": {"runAsUser": 1001, "allowPrivilegeEscalation": False}}]}})
        elif kind in ("Deployment", "StatefulSet"):
            name = doc["metadata"]["name"]
            labels = doc["spec"]["template"]["metadata"]["labels"]
            service = next((s["metadata"]["name"] for s in services
                            if selects(s["spec"].get("selector"), labels) and s["spec"].get("clusterIP") != "None"), name)
            claims = []
            if kind == "StatefulSet":
                for template in doc["spec"].get("volumeClaimTemplates", []):
                    claim = template["metadata"]["name"]
                    claims.append(claim)
                    groups["infra"].append({"apiVersion": "v1", "kind": "PersistentVolumeClaim",
                                            "metadata": {"name": f"{prefix}-{claim}"}, "spec": template["spec"]})
                notes.add(f"StatefulSet {name} -> Pod on a PersistentVolumeClaim")
            group = "infra" if name in INFRA else "devnet" if name in DEVNET else "services"
            for replica in range(1, doc["spec"].get("replicas", 1) + 1):
                groups[group].append({"apiVersion": "v1", "kind": "Pod",
                                      "metadata": {"name": service if replica == 1 else f"{service}-{replica}",
                                                   "labels": labels},
                                      "spec": pod_spec(doc["spec"]["template"], secrets_dir, namespace, prefix, replica,
                                                       notes, claims, config_maps)})
        elif kind != "ConfigMap":
            sys.exit(f"podmanize: no podman translation for {kind} {doc['metadata']['name']}")
    # No cluster DNS (podman's CNI network here resolves no pod names): every pod gets a fixed address on the smoke
    # network and /etc/hosts entries (hostAliases) for every other pod's name — the Service names.
    pods = [obj for group in ("infra", "devnet", "services") for obj in groups[group] if obj["kind"] == "Pod"]
    addresses = {pod["metadata"]["name"]: f"{SUBNET_PREFIX}.{10 + i}" for i, pod in enumerate(pods)}
    for pod in pods:
        pod["metadata"]["labels"] = dict(pod["metadata"].get("labels", {}), **{"lrt.smoke": prefix})
        pod["spec"]["hostAliases"] = [{"ip": ip, "hostnames": [name]} for name, ip in addresses.items()]
    notes.add("Service DNS -> fixed pod addresses + hostAliases")
    for group, objects in groups.items():
        with open(os.path.join(out_dir, f"{group}.ips"), "w") as f:
            f.writelines(addresses[obj["metadata"]["name"]] + "\n" for obj in objects if obj["kind"] == "Pod")
    for group, objects in groups.items():
        path = os.path.join(out_dir, f"{group}.yaml")
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            yaml.safe_dump_all(config_maps + objects, f, sort_keys=False)
    with open(os.path.join(out_dir, "topics.txt"), "w") as f:
        for topic in topics:
            f.write("%s %s %s\n" % topic)
    for note in sorted(notes):
        print(f"podmanize: {note}", file=sys.stderr)


if __name__ == "__main__":
    main()
