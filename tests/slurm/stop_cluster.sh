#!/usr/bin/env bash
# stop_cluster.sh - stop slurmd, slurmctld and munged started by start_cluster.sh (by pid file).
# Packages, config and state (queue, finished jobs) are kept; start_cluster.sh brings it back.
set -uo pipefail
[ "$(id -u)" -eq 0 ] || { echo "stop_cluster.sh: ERROR: must run as root" >&2; exit 1; }
DIR=${SLURM_PROTO_DIR:-/var/lib/slurm-proto}
# same helpers as start_cluster.sh: act only on the pid in the pid file, if it is that daemon
running() { local p; p=$(cat "$1" 2>/dev/null) || return 1
  [ "$(cat /proc/"$p"/comm 2>/dev/null)" = "$2" ] && ! grep -q '^State:.*Z' /proc/"$p"/status 2>/dev/null; }
stop() { running "$1" "$2" || return 0; local p; p=$(cat "$1"); kill "$p"
  for _ in $(seq 20); do running "$1" "$2" || return 0; sleep 0.5; done; kill -9 "$p" 2>/dev/null || true; }
stop "$DIR/slurmd.pid" slurmd
stop "$DIR/slurmctld.pid" slurmctld
stop /run/munge/munged.pid munged
echo "SLURM stopped"
